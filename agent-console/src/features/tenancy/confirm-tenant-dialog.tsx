import { useState } from 'react';
import type { TenantSummary } from '@ringside/shared';
import { ModalDialog } from '../../layout/modal-dialog.js';
import { t } from '../../i18n/t.js';

/** Asks before suspending or deleting; a deletion also wants the slug typed, as it cannot be undone. */
export function ConfirmTenantDialog({ tenant, action, onConfirm, onClose }: { tenant: TenantSummary; action: 'suspend' | 'delete'; onConfirm(): void; onClose(): void }) {
  const [typed, setTyped] = useState('');
  const deleting = action === 'delete';
  const title = deleting ? t('platform.confirm.deleteTitle', { name: tenant.name }) : t('platform.confirm.suspendTitle', { name: tenant.name });
  return (
    <ModalDialog title={title} onClose={onClose}>
      <p>{deleting ? t('platform.confirm.deleteBody', { name: tenant.name }) : t('platform.confirm.suspendBody', { name: tenant.name })}</p>
      {deleting && (
        <div className="field">
          <label htmlFor="confirm-slug">{t('platform.confirm.deleteTyped', { slug: tenant.slug })}</label>
          <input id="confirm-slug" value={typed} autoComplete="off" data-autofocus="" onChange={(e) => setTyped(e.target.value)} />
        </div>
      )}
      <div className="row">
        <button type="button" className="button button--danger" disabled={deleting && typed !== tenant.slug} onClick={onConfirm}>
          {deleting ? t('platform.confirm.yesDelete') : t('platform.confirm.yesSuspend')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('platform.confirm.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
