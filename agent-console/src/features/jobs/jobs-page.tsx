import { useEffect, useState } from 'react';
import { FINAL_JOB_STATES, type JobRun } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { useList } from '../../api/use-list.js';
import { LOCALE, t } from '../../i18n/t.js';
import { errorText } from '../../session/error-text.js';
import { cancelJob, listJobs } from './jobs-api.js';

/** How often the list is fetched again while a job is queued or running (a UI refresh, not background work). */
const REFRESH_MS = 2_000;

const STATE_KEYS = {
  queued: 'jobs.state.queued',
  active: 'jobs.state.active',
  completed: 'jobs.state.completed',
  failed: 'jobs.state.failed',
  cancelled: 'jobs.state.cancelled',
} as const;

const when = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeStyle: 'medium' });

function JobProgress({ job }: { job: JobRun }) {
  const label = t('jobs.progressLabel', { label: job.label });
  const text = job.total === null ? t('jobs.progressCount', { done: job.done }) : t('jobs.progressOf', { done: job.done, total: job.total });
  // A running job of unknown size shows an indeterminate bar; a finished one its last count.
  const bar = job.total !== null ? <progress aria-label={label} value={Math.min(job.done, job.total)} max={Math.max(job.total, 1)} /> : job.state === 'active' ? <progress aria-label={label} /> : null;
  return (
    <>
      {bar} <span className="jobs__count">{text}</span>
      {job.message && <div className="jobs__message">{job.message}</div>}
    </>
  );
}

/** Background jobs: state, progress bars, failures; admins may cancel an unfinished job. */
export function JobsPage({ canCancel }: { canCancel: boolean }) {
  const http = useApi();
  const { state, reload } = useList(listJobs);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const running = state.status === 'ready' && state.items.some((j) => !FINAL_JOB_STATES.includes(j.state));

  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => void reload(), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [state, running, reload]);

  async function cancel(job: JobRun) {
    setNotice(null);
    setFailure(null);
    try {
      await cancelJob(http, job.id);
      setNotice(t('jobs.cancelled', { label: job.label }));
      await reload();
    } catch (err) {
      setFailure(errorText(err));
    }
  }

  return (
    <section className="page" aria-labelledby="jobs-title">
      <h1 id="jobs-title">{t('jobs.title')}</h1>
      <div role="status" className="alert-slot">
        {notice && <p className="ok-text">{notice}</p>}
      </div>
      <div role="alert" className="alert-slot">
        {failure && <p className="error-text">{failure}</p>}
      </div>
      {state.status === 'loading' && <p role="status">{t('jobs.loading')}</p>}
      {state.status === 'error' && (
        <p role="alert" className="error-text">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && state.items.length === 0 && <p>{t('jobs.empty')}</p>}
      {state.status === 'ready' && state.items.length > 0 && (
        <div className="table-scroll">
          {running && <p className="visually-hidden">{t('jobs.refreshing')}</p>}
          <table className="table jobs">
            <caption className="visually-hidden">{t('jobs.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('jobs.label')}</th>
                <th scope="col">{t('jobs.state')}</th>
                <th scope="col">{t('jobs.progress')}</th>
                <th scope="col">{t('jobs.created')}</th>
                <th scope="col">{t('jobs.outcome')}</th>
                {canCancel && <th scope="col">{t('jobs.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {state.items.map((job) => (
                <tr key={job.id} data-job-id={job.id} className={`jobs__row jobs__row--${job.state}`}>
                  <th scope="row">
                    {job.label}
                    <div className="jobs__queue">{job.queue}</div>
                  </th>
                  <td>
                    {t(STATE_KEYS[job.state])}
                    {job.attempts > 1 && <div>{t('jobs.attempts', { attempts: job.attempts })}</div>}
                  </td>
                  <td>
                    <JobProgress job={job} />
                  </td>
                  <td>{when.format(new Date(job.startedAt ?? job.createdAt))}</td>
                  <td>{job.errorCode && <span className="error-text">{t('jobs.error', { code: job.errorCode, message: job.errorMessage ?? '' })}</span>}</td>
                  {canCancel && (
                    <td>
                      {!FINAL_JOB_STATES.includes(job.state) && (
                        <button type="button" className="button" onClick={() => void cancel(job)}>
                          {t('jobs.cancel', { label: job.label })}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
