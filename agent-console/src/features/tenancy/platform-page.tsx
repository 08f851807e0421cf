import { useEffect, useState } from 'react';
import { FINAL_JOB_STATES, type JobRun, type TenantLimits, type TenantSummary, type TenantUsage } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { useList } from '../../api/use-list.js';
import { t } from '../../i18n/t.js';
import { errorText } from '../../session/error-text.js';
import { ConfirmTenantDialog } from './confirm-tenant-dialog.js';
import { deleteTenant, listTenants, platformJob, setSuspended, tenantUsage } from './platform-api.js';
import { TenantCreateForm } from './tenant-create-form.js';
import { UsageChart } from './usage-chart.js';

/** How often a running deletion's progress is fetched (a UI refresh, not background work). */
const JOB_REFRESH_MS = 1_000;

const STATUS_KEYS = { active: 'platform.status.active', suspended: 'platform.status.suspended', deleting: 'platform.status.deleting' } as const;

function limitText(limits: TenantLimits): string {
  const v = (n: number | null) => (n === null ? t('platform.unlimited') : String(n));
  return t('platform.limitsText', { agents: v(limits.agents), calls: v(limits.concurrentCalls), storage: v(limits.storageMb), messages: v(limits.messagesPerDay) });
}

/** A running deletion: its bar until the job ends, then the outcome. */
function useDeletion(onFinished: (tenant: TenantSummary, job: JobRun) => void) {
  const http = useApi();
  const [running, setRunning] = useState<{ tenant: TenantSummary; job: JobRun | null; jobId: string } | null>(null);
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => {
      platformJob(http, running.jobId).then(
        (job) => {
          if (FINAL_JOB_STATES.includes(job.state)) {
            setRunning(null);
            onFinished(running.tenant, job);
          } else setRunning({ ...running, job });
        },
        () => setRunning({ ...running }),
      );
    }, JOB_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [http, running, onFinished]);
  return { running, start: (tenant: TenantSummary, jobId: string) => setRunning({ tenant, jobId, job: null }) };
}

/** The platform operator's page: every tenant, create, suspend/reactivate, delete (a job), usage. */
export function PlatformPage() {
  const http = useApi();
  const { state, reload } = useList(listTenants);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ tenant: TenantSummary; action: 'suspend' | 'delete' } | null>(null);
  const [usage, setUsage] = useState<{ tenant: TenantSummary; figures: TenantUsage | null } | null>(null);
  const [onFinished] = useState(() => (tenant: TenantSummary, job: JobRun) => {
    if (job.state === 'completed') setNotice(t('platform.deleted', { name: tenant.name }));
    else setFailure(t('platform.deleteFailed', { name: tenant.name, message: job.errorMessage ?? job.state }));
    void reload();
  });
  const deletion = useDeletion(onFinished);

  async function act(work: () => Promise<string>) {
    setNotice(null);
    setFailure(null);
    try {
      setNotice(await work());
      await reload();
    } catch (err) {
      setFailure(errorText(err));
    }
  }

  function confirm() {
    if (!confirming) return;
    const { tenant, action } = confirming;
    setConfirming(null);
    if (action === 'suspend') return void act(async () => (await setSuspended(http, tenant.id, true), t('platform.suspended', { name: tenant.name })));
    void act(async () => {
      const { jobId } = await deleteTenant(http, tenant.id);
      deletion.start(tenant, jobId);
      return t('platform.deleteProgress', { name: tenant.name });
    });
  }

  async function showUsage(tenant: TenantSummary) {
    setUsage({ tenant, figures: null });
    try {
      setUsage({ tenant, figures: await tenantUsage(http, tenant.id) });
    } catch (err) {
      setUsage(null);
      setFailure(errorText(err));
    }
  }

  const run = deletion.running;
  return (
    <section className="page" aria-labelledby="platform-title">
      <h1 id="platform-title">{t('platform.title')}</h1>
      <div role="status" className="alert-slot">
        {notice && <p className="ok-text">{notice}</p>}
      </div>
      <div role="alert" className="alert-slot">
        {failure && <p className="error-text">{failure}</p>}
      </div>
      {run && (
        <p>
          <progress aria-label={t('platform.deleteProgress', { name: run.tenant.name })} {...(run.job?.total ? { value: run.job.done, max: run.job.total } : {})} /> {run.job?.message}
        </p>
      )}
      {state.status === 'loading' && <p role="status">{t('platform.loading')}</p>}
      {state.status === 'error' && (
        <p role="alert" className="error-text">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <div className="table-scroll">
          <table className="table platform">
            <caption className="visually-hidden">{t('platform.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('platform.name')}</th>
                <th scope="col">{t('platform.slug')}</th>
                <th scope="col">{t('platform.status')}</th>
                <th scope="col">{t('platform.limits')}</th>
                <th scope="col">{t('platform.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((tenant) => (
                <tr key={tenant.id} data-tenant={tenant.slug}>
                  <th scope="row">{tenant.name}</th>
                  <td>{tenant.slug}</td>
                  <td data-status={tenant.status}>{t(STATUS_KEYS[tenant.status])}</td>
                  <td>{limitText(tenant.limits)}</td>
                  <td>
                    <button type="button" className="button" onClick={() => void showUsage(tenant)}>
                      {t('platform.usage', { name: tenant.name })}
                    </button>
                    {/* The default tenant holds the data from before tenancy and the operator's own membership. */}
                    {tenant.switchPrefix !== '' && tenant.status === 'active' && (
                      <button type="button" className="button" onClick={() => setConfirming({ tenant, action: 'suspend' })}>
                        {t('platform.suspend', { name: tenant.name })}
                      </button>
                    )}
                    {tenant.status === 'suspended' && (
                      <button type="button" className="button" onClick={() => void act(async () => (await setSuspended(http, tenant.id, false), t('platform.reactivated', { name: tenant.name })))}>
                        {t('platform.reactivate', { name: tenant.name })}
                      </button>
                    )}
                    {tenant.switchPrefix !== '' && tenant.status !== 'deleting' && (
                      <button type="button" className="button button--danger" onClick={() => setConfirming({ tenant, action: 'delete' })}>
                        {t('platform.delete', { name: tenant.name })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {usage && (usage.figures ? <UsageChart name={usage.tenant.name} usage={usage.figures} limits={usage.tenant.limits} /> : <p role="status">{t('platform.usage.loading')}</p>)}
      <TenantCreateForm
        onCreated={(tenant) => {
          setFailure(null);
          setNotice(t('platform.created', { name: tenant.name }));
          void reload();
        }}
      />
      {confirming && <ConfirmTenantDialog tenant={confirming.tenant} action={confirming.action} onConfirm={confirm} onClose={() => setConfirming(null)} />}
    </section>
  );
}
