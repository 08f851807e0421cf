import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_CALLERS } from '../db/seed.js';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

describe('working with customers over HTTP', () => {
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

  it('every role can create, read and edit a customer', async () => {
    for (const user of ['agent1', 'supervisor', 'admin']) {
      const cookie = cookies[user];
      const created = await api(t.url, '/api/customers', { method: 'POST', cookie, body: { firstName: 'Role', lastName: `Tester-${user}`, contactPoints: [{ kind: 'phone', value: '(628) 555-0150' }] } });
      expect(created.status).toBe(201);
      expect(created.body.customer).toMatchObject({ kind: 'person', lifecycle: 'lead', valueScore: 0, lastName: `Tester-${user}` });
      const id = created.body.customer.id as string;
      const patched = await api(t.url, `/api/customers/${id}`, { method: 'PATCH', cookie, body: { lifecycle: 'customer', valueScore: 80 } });
      expect(patched.status).toBe(200);
      expect(patched.body.customer).toMatchObject({ id, lifecycle: 'customer', valueScore: 80, firstName: 'Role' });
      const read = await api(t.url, `/api/customers/${id}`, { cookie });
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ customer: patched.body.customer, interactions: [] });
    }
  });

  it('searching by a number typed any way finds the seeded demo caller, and a shared number finds both owners', async () => {
    const alice = await api(t.url, `/api/customers?q=${encodeURIComponent('(415) 555-0100')}`, { cookie: cookies['agent1'] });
    expect(alice.status).toBe(200);
    expect(alice.body.items.map((c: { firstName: string }) => c.firstName)).toEqual(['Alice']);
    expect(alice.body.total).toBe(1);
    const shared = await api(t.url, `/api/customers?q=${encodeURIComponent(DEMO_CALLERS.shared)}`, { cookie: cookies['agent1'] });
    expect(shared.body.items.map((c: { firstName: string }) => c.firstName).sort()).toEqual(['David', 'Erin']);
  });

  it('a seeded customer with history shows at most 50 interactions, newest first', async () => {
    const found = await api(t.url, '/api/customers?q=alice%20johnson', { cookie: cookies['agent1'] });
    const id = found.body.items[0].id as string;
    const detail = await api(t.url, `/api/customers/${id}`, { cookie: cookies['agent1'] });
    const times = detail.body.interactions.map((i: { offeredAt: string }) => Date.parse(i.offeredAt));
    expect(times.length).toBeGreaterThan(0);
    expect(times.length).toBeLessThanOrEqual(50);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('the history route names the signed-in user who made each change', async () => {
    const cookie = cookies['agent1'];
    const created = await api(t.url, '/api/customers', { method: 'POST', cookie, body: { firstName: 'Histo', lastName: 'Rian', language: 'en' } });
    const id = created.body.customer.id as string;
    await api(t.url, `/api/customers/${id}`, { method: 'PATCH', cookie: cookies['supervisor'], body: { language: 'fr-CA' } });
    const history = await api(t.url, `/api/customers/${id}/history`, { cookie });
    expect(history.status).toBe(200);
    expect(history.body.changes[0]).toMatchObject({ entity: 'customer', field: 'language', oldValue: 'en', newValue: 'fr-CA', changedByName: 'Sam Supervisor' });
    expect(history.body.changes[1]).toMatchObject({ action: 'create', changedByName: 'Alex Agent' });
    expect((await api(t.url, '/api/customers/00000000-0000-4000-8000-000000000000/history', { cookie })).body.error.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('lists every customer page by page when the query is empty', async () => {
    const page = await api(t.url, '/api/customers?limit=10&offset=20', { cookie: cookies['agent1'] });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(10);
    // 500 demo customers: counting stops at 100 and says so.
    expect(page.body).toMatchObject({ total: 100, totalExact: false });
    const offsetPage = await api(t.url, '/api/customers?limit=10&offset=490', { cookie: cookies['agent1'] });
    expect(offsetPage.body.items).toHaveLength(10);
  });

  it('bad input is a 400 listing the fields; an unknown id is 404 CUSTOMER_NOT_FOUND', async () => {
    const cookie = cookies['agent1'];
    const noName = await api(t.url, '/api/customers', { method: 'POST', cookie, body: { kind: 'person', email: 'not-an-email' } });
    expect(noName.status).toBe(400);
    expect(noName.body.error.code).toBe('INVALID_INPUT');
    expect(noName.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'kind']);
    const crlf = await api(t.url, '/api/customers', { method: 'POST', cookie, body: { firstName: 'Eve\r\nAction: Originate' } });
    expect(crlf.status).toBe(400);
    const badPhone = await api(t.url, '/api/customers', { method: 'POST', cookie, body: { firstName: 'Nonum', contactPoints: [{ kind: 'phone', value: 'twelve' }] } });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.issues).toEqual([{ path: 'contactPoints.0.value', code: 'INVALID_PHONE', message: expect.stringContaining('not a phone number') }]);
    expect((await api(t.url, '/api/customers?limit=1000', { cookie })).status).toBe(400);
    const missing = await api(t.url, '/api/customers/00000000-0000-4000-8000-000000000000', { cookie });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('CUSTOMER_NOT_FOUND');
    expect((await api(t.url, '/api/customers/not-a-uuid', { cookie })).status).toBe(404);
    expect((await api(t.url, '/api/customers/not-a-uuid', { method: 'PATCH', cookie, body: { notes: 'x' } })).status).toBe(404);
    const unknownField = await api(t.url, '/api/customers/00000000-0000-4000-8000-000000000000', { method: 'PATCH', cookie, body: { password: 'x' } });
    expect(unknownField.status).toBe(400);
  });

  it('an unknown API route is a JSON 404, not the console page', async () => {
    const res = await api(t.url, '/api/nothing-here', { cookie: cookies['agent1'] });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
