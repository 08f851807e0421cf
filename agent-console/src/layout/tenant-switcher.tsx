import { useId, useState } from 'react';
import type { SessionUser } from '@ringside/shared';
import { useApi } from '../api/api-context.js';
import { switchTenant } from '../features/tenancy/platform-api.js';
import { t } from '../i18n/t.js';
import { errorText } from '../session/error-text.js';

/**
 * The current tenant's name, and for a user of several tenants a select that moves the session to
 * another: the server answers the user as they are there, and the app reloads its state for it.
 */
export function TenantSwitcher({ user, onSwitched }: { user: SessionUser; onSwitched(user: SessionUser): void }) {
  const http = useApi();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (user.tenants.length <= 1) return <span className="tenant-switcher">{t('tenantSwitch.current', { name: user.tenant.name })}</span>;

  async function change(tenantId: string) {
    if (tenantId === user.tenant.id) return;
    setBusy(true);
    setFailure(null);
    try {
      onSwitched(await switchTenant(http, tenantId));
    } catch (err) {
      setFailure(t('tenantSwitch.failed', { reason: errorText(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="tenant-switcher">
      <label htmlFor={id}>{t('tenantSwitch.label')}</label>{' '}
      <select id={id} value={user.tenant.id} disabled={busy} onChange={(e) => void change(e.target.value)}>
        {user.tenants.map((m) => (
          <option key={m.tenantId} value={m.tenantId}>
            {m.name}
          </option>
        ))}
      </select>
      {failure && (
        <span role="alert" className="error-text">
          {failure}
        </span>
      )}
    </span>
  );
}
