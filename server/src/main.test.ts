import { afterAll, describe, expect, it } from '@jest/globals';
import { postgresTestDatabase } from './db/test-databases.js';
import { api, loginCookie, startTestServer } from './http/test-server.js';
import { runMain } from './main.js';

describe('the server across restarts', () => {
  it('keeps customers and sessions in DATA_DIR and does not seed the demo data twice', async () => {
    const first = await startTestServer();
    // Two demo companies: the default tenant's 5 logins, the operator and 500 customers, Acme's 3 logins and 302, olivia for both.
    expect(first.started.seeded).toEqual({ users: 10, customers: 802, interactions: expect.any(Number) });
    const cookie = await loginCookie(first.url, 'agent1', 'agent-demo');
    const created = await api(first.url, '/api/customers', { method: 'POST', cookie, body: { organisationName: 'Persistent Widgets', kind: 'organisation' } });
    expect(created.status).toBe(201);
    await first.close({ keepData: true });

    const second = await startTestServer({}, first.dataDir);
    try {
      expect(second.started.seeded).toBeNull();
      // The generated session secret was kept, so the session from before the restart still works.
      const found = await api(second.url, '/api/customers?q=persistent', { cookie });
      expect(found.status).toBe(200);
      expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.customer.id]);
      // Counting stops at 100; the last page shows there are exactly 501 (500 seeded once, plus ours).
      const last = await api(second.url, '/api/customers?limit=10&offset=500', { cookie });
      expect(last.body.items).toHaveLength(1);
      const admin = await loginCookie(second.url, 'admin', 'admin-demo');
      // The default tenant's members: its five logins, the operator and olivia.
      expect((await api(second.url, '/api/users', { cookie: admin })).body.items).toHaveLength(7);
    } finally {
      await second.close();
    }
  }, 90_000);
});

describe('the server on PostgreSQL', () => {
  const pg = postgresTestDatabase();
  afterAll(() => pg.dispose(), 30_000);

  it('boots with DATABASE_URL, migrates, seeds and reports the postgres driver', async () => {
    // Created and migrated once here, so the server's own migrate at boot must be a no-op.
    await (await pg.open()).close();
    const t = await startTestServer({ DATABASE_URL: pg.url ?? '' });
    try {
      expect(t.started.seeded?.customers).toBe(802);
      expect((await api(t.url, '/readyz')).body.database).toEqual({ ok: true, driver: 'postgres' });
      const cookie = await loginCookie(t.url, 'agent1', 'agent-demo');
      const alice = await api(t.url, '/api/customers?q=%2B1%20415%20555%200100', { cookie });
      expect(alice.body.items.map((c: { firstName: string }) => c.firstName)).toEqual(['Alice']);
    } finally {
      await t.close();
    }
  }, 90_000);
});

describe('starting from the command line', () => {
  it('fails fast with exit code 1 and the bad key named when the config is invalid', async () => {
    const err: string[] = [];
    const { code, server } = await runMain({ PORT: '70000' }, { out: () => undefined, err: (s) => err.push(s) });
    expect(code).toBe(1);
    expect(server).toBeUndefined();
    expect(err.join('')).toMatch(/PORT must be at most 65535/);
  });

  it('reports a database it cannot reach as a start failure, exit code 1', async () => {
    const err: string[] = [];
    const { code } = await runMain(
      { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing', LOG_LEVEL: 'silent' },
      { out: () => undefined, err: (s) => err.push(s) },
    );
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/DB_UNAVAILABLE/);
  }, 30_000);
});
