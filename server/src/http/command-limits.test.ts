import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { TestClient } from '../cti/testing/test-client.js';
import { postgresTestDatabase } from '../db/test-databases.js';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

// One budget per user and command class, spent by the socket and the REST API alike, and by
// every node sharing Redis. A refused request changes nothing.

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const servers: TestServer[] = [];
const clients: TestClient[] = [];

async function server(env: Record<string, string>): Promise<TestServer> {
  const t = await startTestServer(env);
  servers.push(t);
  return t;
}

const newCustomer = (n: number) => ({ kind: 'person', firstName: 'Limit', lastName: `Tester${n}-${randomBytes(3).toString('hex')}` });
const searchCount = async (url: string, cookie: string, q: string) => {
  const res = await api(url, `/api/customers?q=${encodeURIComponent(q)}`, { cookie });
  return (res.body.items as unknown[]).length;
};

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const t of servers.splice(0).reverse()) await t.close();
}, 30_000);

describe('REST writes are limited per user and class', () => {
  it('the fourth customer write in the window is 429 RATE_LIMITED with Retry-After and creates nothing; another user is not held back', async () => {
    const t = await server({ COMMAND_RATE_LIMIT_CRM_WRITE: '3/60' });
    const agent = await loginCookie(t.url, 'agent1', 'agent-demo');
    for (let i = 0; i < 3; i++) expect((await api(t.url, '/api/customers', { method: 'POST', cookie: agent, body: newCustomer(i) })).status).toBe(201);
    const refused = await api(t.url, '/api/customers', { method: 'POST', cookie: agent, body: { kind: 'person', firstName: 'Limit', lastName: 'Refused' } });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await searchCount(t.url, agent, 'Refused')).toBe(0);
    // Reads are not budgeted, and the other user's budget is their own.
    expect((await api(t.url, '/api/customers?q=Limit', { cookie: agent })).status).toBe(200);
    const other = await loginCookie(t.url, 'agent2', 'agent-demo');
    expect((await api(t.url, '/api/customers', { method: 'POST', cookie: other, body: newCustomer(9) })).status).toBe(201);
  }, 60_000);

  it('admin changes have their own budget, apart from customer writes', async () => {
    const t = await server({ COMMAND_RATE_LIMIT_ADMIN: '1/60', COMMAND_RATE_LIMIT_CRM_WRITE: '5/60' });
    const admin = await loginCookie(t.url, 'admin', 'admin-demo');
    const users = await api(t.url, '/api/users', { cookie: admin });
    const agent2 = (users.body.items as { id: string; username: string }[]).find((u) => u.username === 'agent2');
    expect((await api(t.url, `/api/users/${agent2?.id}/sessions/end`, { method: 'POST', cookie: admin })).status).toBeLessThan(300);
    expect((await api(t.url, `/api/users/${agent2?.id}/sessions/end`, { method: 'POST', cookie: admin })).status).toBe(429);
    expect((await api(t.url, '/api/customers', { method: 'POST', cookie: admin, body: newCustomer(1) })).status).toBe(201);
  }, 60_000);
});

describe('socket and REST share one call-control budget', () => {
  it('two socket commands and two REST commands use up a budget of four; the fifth is refused on either path', async () => {
    const t = await server({ PBX_MODE: 'simulated', SIM_CALLS_PER_SECOND: '0', SIM_AUTO_ANSWER_MS: '0', SIM_CONTROL_PORT: '0', COMMAND_RATE_LIMIT_CALL_CONTROL: '4/60' });
    const cookie = await loginCookie(t.url, 'agent1', 'agent-demo');
    const socket = await TestClient.connect(t.url, cookie, 8000);
    clients.push(socket);
    expect(await socket.command('unpause', {})).toMatchObject({ ok: true });
    expect(await socket.command('unpause', {})).toMatchObject({ ok: true });
    expect((await api(t.url, '/api/commands/unpause', { method: 'POST', cookie, body: {} })).status).toBe(200);
    expect((await api(t.url, '/api/commands/unpause', { method: 'POST', cookie, body: {} })).status).toBe(200);
    expect(await socket.command('unpause', {})).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const rest = await api(t.url, '/api/commands/unpause', { method: 'POST', cookie, body: {} });
    expect(rest.status).toBe(429);
    expect(rest.body.error.code).toBe('RATE_LIMITED');
  }, 90_000);
});

describe('nodes sharing Redis share the budget', () => {
  const db = postgresTestDatabase();
  afterAll(async () => {
    await db.dispose();
  });

  it('a user spreading writes over two nodes gets no more than the budget', async () => {
    await (await db.open()).close();
    const env = { DATABASE_URL: db.url ?? '', REDIS_URL, REDIS_KEY_PREFIX: `ringside-test-${randomBytes(4).toString('hex')}`, COMMAND_RATE_LIMIT_CRM_WRITE: '4/60' };
    const a = await server(env);
    const b = await server({ ...env, SEED_DEMO: 'false' });
    const onA = await loginCookie(a.url, 'agent1', 'agent-demo');
    const onB = await loginCookie(b.url, 'agent1', 'agent-demo');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const [url, cookie] = i % 2 === 0 ? [a.url, onA] : [b.url, onB];
      statuses.push((await api(url, '/api/customers', { method: 'POST', cookie, body: newCustomer(i) })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  }, 90_000);
});
