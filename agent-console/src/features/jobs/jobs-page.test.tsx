import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { JobRun } from '@ringside/shared';
import { installFakeFetch } from '../../test-support/fake-fetch.js';
import { renderWithApi } from '../../test-support/render-with-api.js';
import { JobsPage } from './jobs-page.js';

const base = { queue: 'customers.import', message: null, attempts: 1, errorCode: null, errorMessage: null, createdBy: null, createdAt: '2026-12-07T10:00:00.000Z', startedAt: '2026-12-07T10:00:01.000Z', finishedAt: null } as const;
const IMPORT: JobRun = { ...base, id: '00000000-0000-4000-8000-000000000001', label: 'Import of leads.csv', state: 'active', done: 40, total: 200 };
const BROKEN: JobRun = { ...base, id: '00000000-0000-4000-8000-000000000002', label: 'Import of bad.csv', state: 'failed', done: 3, total: 10, attempts: 4, errorCode: 'JOB_FAILED', errorMessage: 'the job failed', finishedAt: '2026-12-07T10:01:00.000Z' };

/** A jobs API whose running import advances by 80 rows per list request, and that cancels on POST. */
function installJobsServer() {
  let jobs = [IMPORT, BROKEN];
  const requests: string[] = [];
  installFakeFetch((req) => {
    requests.push(`${req.method} ${req.path}`);
    if (req.path === '/api/jobs' && req.method === 'GET') {
      const reply = { jobs };
      jobs = jobs.map((j) => (j.id === IMPORT.id && j.state === 'active' ? { ...j, done: Math.min(j.done + 80, 200), state: j.done + 80 >= 200 ? 'completed' : 'active' } : j));
      return { status: 200, body: reply };
    }
    if (req.path === `/api/jobs/${IMPORT.id}/cancel` && req.method === 'POST') {
      jobs = jobs.map((j) => (j.id === IMPORT.id ? { ...j, state: 'cancelled' } : j));
      return { status: 200, body: jobs[0] };
    }
    return undefined;
  });
  return requests;
}

describe('jobs page', () => {
  it('shows progress bars and failures, and refreshes while a job runs until it completes', async () => {
    const requests = installJobsServer();
    renderWithApi(<JobsPage canCancel={false} />);
    const bar = await screen.findByRole('progressbar', { name: 'Progress of Import of leads.csv' });
    expect(bar).toHaveAttribute('value', '40');
    expect(bar).toHaveAttribute('max', '200');
    const failed = screen.getByRole('row', { name: /Import of bad\.csv/ });
    expect(within(failed).getByText('JOB_FAILED: the job failed')).toBeInTheDocument();
    expect(within(failed).getByText('Attempt 4')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
    const row = screen.getByRole('row', { name: /Import of leads\.csv/ });
    await within(row).findByText('Completed', {}, { timeout: 9_000 });
    expect(within(row).getByText('200 of 200')).toBeInTheDocument();
    const lists = requests.filter((r) => r === 'GET /api/jobs').length;
    // Nothing runs any more: no further fetches.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(requests.filter((r) => r === 'GET /api/jobs').length).toBe(lists);
  }, 20_000);

  it('lets an admin cancel a running job', async () => {
    const requests = installJobsServer();
    const user = userEvent.setup();
    renderWithApi(<JobsPage canCancel />);
    await user.click(await screen.findByRole('button', { name: 'Cancel Import of leads.csv' }));
    expect(await screen.findByText('Import of leads.csv is cancelled.')).toBeInTheDocument();
    expect(requests).toContain(`POST /api/jobs/${IMPORT.id}/cancel`);
    expect(within(screen.getByRole('row', { name: /Import of leads\.csv/ })).getByText('Cancelled')).toBeInTheDocument();
  });
});
