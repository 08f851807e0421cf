import { DEFAULT_TENANT_ID } from '@ringside/shared';
import { inTenant } from '../db/tenant-scope.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JOB_PRUNE_QUEUE, SESSION_PURGE_QUEUE } from '../jobs/jobs-module.js';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

describe('background jobs over HTTP', () => {
  let t: TestServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestServer();
    for (const [user, pw] of [['agent1', 'agent-demo'], ['supervisor', 'supervisor-demo'], ['admin', 'admin-demo']] as const) {
      cookies[user] = await loginCookie(t.url, user, pw);
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function completed(id: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const run = (await api(t.url, `/api/jobs/${id}`, { cookie: cookies['supervisor'] })).body as Record<string, unknown>;
      if (run['state'] !== 'queued' && run['state'] !== 'active') return run;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`job ${id} did not finish`);
  }

  it('agents may not see jobs; supervisors list them newest first and filter by queue and state', async () => {
    const jobs = t.server.parts().jobs;
    const older = await inTenant(DEFAULT_TENANT_ID, () => jobs.send('test.waiting', { n: 1 }, { label: 'First' }));
    const newer = await inTenant(DEFAULT_TENANT_ID, () => jobs.send('test.waiting', { n: 2 }, { label: 'Second' }));
    const denied = await api(t.url, '/api/jobs', { cookie: cookies['agent1'] });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    expect((await api(t.url, `/api/jobs/${older}`, { cookie: cookies['agent1'] })).status).toBe(403);
    const listed = await api(t.url, '/api/jobs?queue=test.waiting&state=queued', { cookie: cookies['supervisor'] });
    expect(listed.status).toBe(200);
    expect(listed.body.jobs.map((j: { id: string; label: string }) => [j.id, j.label])).toEqual([
      [newer, 'Second'],
      [older, 'First'],
    ]);
    expect(listed.body.jobs[0]).toMatchObject({ queue: 'test.waiting', state: 'queued', done: 0, total: null, attempts: 0, errorCode: null });
    expect((await api(t.url, '/api/jobs?state=completed&queue=test.waiting', { cookie: cookies['supervisor'] })).body.jobs).toEqual([]);
    const bad = await api(t.url, '/api/jobs?state=exploded', { cookie: cookies['supervisor'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
  });

  it('only admins cancel; a cancelled or unknown job answers with its own code', async () => {
    const id = await inTenant(DEFAULT_TENANT_ID, () => t.server.parts().jobs.send('test.cancel-me', {}));
    expect((await api(t.url, `/api/jobs/${id}/cancel`, { method: 'POST', cookie: cookies['supervisor'] })).status).toBe(403);
    const cancelled = await api(t.url, `/api/jobs/${id}/cancel`, { method: 'POST', cookie: cookies['admin'] });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id, state: 'cancelled' });
    expect(cancelled.body.finishedAt).not.toBeNull();
    const again = await api(t.url, `/api/jobs/${id}/cancel`, { method: 'POST', cookie: cookies['admin'] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ILLEGAL_TRANSITION');
    for (const unknown of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = await api(t.url, `/api/jobs/${unknown}`, { cookie: cookies['admin'] });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('JOB_NOT_FOUND');
    }
  });

  it('a worked job shows its progress and outcome; the session purge is scheduled on SESSION_PURGE_CRON', async () => {
    const jobs = t.server.parts().jobs;
    await jobs.work<{ rows: number }>('test.counted', async (data, context) => {
      await context.progress(data.rows, data.rows, 'all rows');
    });
    const id = await inTenant(DEFAULT_TENANT_ID, () => jobs.send('test.counted', { rows: 7 }, { label: 'Seven rows' }));
    const run = await completed(id);
    expect(run).toMatchObject({ id, label: 'Seven rows', state: 'completed', done: 7, total: 7, message: 'all rows', attempts: 1 });
    const { rows } = await t.server.parts().database.rawSql('select name, cron from pgboss.schedule order by name');
    expect(rows).toEqual([
      { name: JOB_PRUNE_QUEUE, cron: '41 3 * * *' },
      { name: SESSION_PURGE_QUEUE, cron: '17 * * * *' },
    ]);
    // The schedule's job is worked on this node: one sent by hand completes.
    expect(await completed(await inTenant(DEFAULT_TENANT_ID, () => jobs.send(SESSION_PURGE_QUEUE, {})))).toMatchObject({ queue: SESSION_PURGE_QUEUE, state: 'completed', errorCode: null });
  });
});
