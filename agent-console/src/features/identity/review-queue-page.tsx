import { useCallback, useState } from 'react';
import type { IdentityCandidate } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { useList } from '../../api/use-list.js';
import { t } from '../../i18n/t.js';
import { Link } from '../../routing/link.js';
import { identityErrorText } from './identity-error.js';
import { listCandidates, reviewCandidate, startScan } from './identity-api.js';

/** The duplicate review queue: candidate pairs with score and evidence; merge, not a duplicate, or skip. */
export function ReviewQueuePage() {
  const http = useApi();
  const fetchList = useCallback(listCandidates, []);
  const { state, reload } = useList(fetchList);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function act(work: () => Promise<unknown>, after?: (result: unknown) => void) {
    setFailure(null);
    try {
      const result = await work();
      after?.(result);
      await reload();
    } catch (err) {
      setFailure(t('identity.queue.actionFailed', { message: identityErrorText(err) }));
    }
  }

  return (
    <section className="page" aria-labelledby="identity-queue-title">
      <div className="page__head">
        <div>
          <h1 id="identity-queue-title">{t('identity.queue.title')}</h1>
          <p>{t('identity.queue.intro')}</p>
        </div>
        <div>
          <button type="button" className="button" onClick={() => void act(() => startScan(http), (r) => setNotice(t('identity.queue.scanQueued', { jobId: (r as { jobId: string }).jobId })))}>
            {t('identity.queue.scan')}
          </button>{' '}
          <button type="button" className="button" onClick={() => void act(async () => undefined)}>
            {t('identity.queue.reload')}
          </button>{' '}
          <Link to="/identity/rules" className="button button--quiet">
            {t('identity.rules.link')}
          </Link>
        </div>
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {failure && (
        <p role="alert" className="error-text">
          {failure}
        </p>
      )}
      {state.status === 'loading' && <p role="status">{t('identity.queue.loading')}</p>}
      {state.status === 'error' && (
        <p role="alert" className="error-text">
          {t('identity.queue.loadFailed', { message: state.message })}
        </p>
      )}
      {state.status === 'ready' && state.items.length === 0 && <p>{t('identity.queue.empty')}</p>}
      {state.status === 'ready' && state.items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('identity.queue.pair')}</th>
                <th scope="col">{t('identity.queue.score')}</th>
                <th scope="col">{t('identity.queue.evidence')}</th>
                <th scope="col">{t('identity.queue.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((c) => (
                <CandidateRow key={c.id} candidate={c} onReview={(decision) => void act(() => reviewCandidate(http, c.id, decision))} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CandidateRow({ candidate: c, onReview }: { candidate: IdentityCandidate; onReview(decision: 'not-duplicate' | 'skip'): void }) {
  const label = `${c.left.name} / ${c.right.name}`;
  return (
    <tr>
      <td>
        <Link to={`/customers/${c.left.id}`}>{c.left.name}</Link>
        <br />
        <Link to={`/customers/${c.right.id}`}>{c.right.name}</Link>
      </td>
      <td>
        {c.score} <span className="badge">{t(c.decision === 'sure' ? 'identity.queue.sure' : 'identity.queue.review')}</span>
      </td>
      <td>
        <ul>
          {c.evidence.map((e) => (
            <li key={e.ruleId}>{t('identity.evidence.item', { rule: e.ruleId, left: e.left, right: e.right, weight: e.weight > 0 ? `+${e.weight}` : e.weight })}</li>
          ))}
        </ul>
      </td>
      <td>
        <Link to={`/identity/merge/${c.left.id}/${c.right.id}`} className="button button--primary" aria-label={`${t('identity.queue.merge')}: ${label}`}>
          {t('identity.queue.merge')}
        </Link>{' '}
        <button type="button" className="button" aria-label={`${t('identity.queue.notDuplicate')}: ${label}`} onClick={() => onReview('not-duplicate')}>
          {t('identity.queue.notDuplicate')}
        </button>{' '}
        <button type="button" className="button button--quiet" aria-label={`${t('identity.queue.skip')}: ${label}`} onClick={() => onReview('skip')}>
          {t('identity.queue.skip')}
        </button>
      </td>
    </tr>
  );
}
