import { useCallback, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { useList } from '../../api/use-list.js';
import { t } from '../../i18n/t.js';
import { identityErrorText } from './identity-error.js';
import { mergesInto, undoMerge } from './identity-api.js';

/** On a survivor's 360 page (supervisors and admins): the records merged into it, each with its undo. */
export function MergedFromBanner({ customerId, onChanged }: { customerId: string; onChanged(): void }) {
  const http = useApi();
  const fetchList = useCallback((h: typeof http, signal?: AbortSignal) => mergesInto(h, customerId, signal), [customerId]);
  const { state, reload } = useList(fetchList);
  const [failure, setFailure] = useState<string | null>(null);
  if (state.status !== 'ready' || (state.items.length === 0 && !failure)) return null;

  async function undo(id: string) {
    setFailure(null);
    try {
      await undoMerge(http, id);
      await reload();
      onChanged();
    } catch (err) {
      setFailure(t('identity.undoFailed', { message: identityErrorText(err) }));
    }
  }

  return (
    <div className="notice">
      {state.items.map((m) => (
        <p key={m.id}>
          {t('identity.mergedFrom', { name: m.mergedName })} —{' '}
          <button type="button" className="button button--link" onClick={() => void undo(m.id)}>
            {t('identity.mergedFrom.undo')}
          </button>
        </p>
      ))}
      {failure && (
        <p role="alert" className="error-text">
          {failure}
        </p>
      )}
    </div>
  );
}
