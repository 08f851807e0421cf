import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

describe('identity resolution over HTTP', () => {
  let t: TestServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestServer();
    for (const [user, pw] of [['agent1', 'agent-demo'], ['supervisor', 'supervisor-demo'], ['admin', 'admin-demo']] as const) cookies[user] = await loginCookie(t.url, user, pw);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function newCustomer(body: Record<string, unknown>): Promise<{ id: string; version: number }> {
    const created = await api(t.url, '/api/customers', { method: 'POST', cookie: cookies['agent1'], body });
    expect(created.status).toBe(201);
    return created.body.customer;
  }

  it('agents may not review or merge', async () => {
    const cookie = cookies['agent1'];
    for (const [method, path] of [
      ['GET', '/api/identity/candidates'],
      ['GET', '/api/identity/merges'],
      ['POST', '/api/identity/merges'],
      ['POST', '/api/identity/scans'],
      ['POST', '/api/identity/merges/00000000-0000-4000-8000-000000000000/undo'],
    ] as const) {
      const res = await api(t.url, path, { method, cookie, ...(method === 'POST' ? { body: {} } : {}) });
      expect([path, res.status, res.body.error.code]).toEqual([path, 403, 'FORBIDDEN']);
    }
  });

  it('a supervisor merges, the merged-away id answers with the survivor, and undo restores both', async () => {
    const cookie = cookies['supervisor'];
    const keep = await newCustomer({ firstName: 'Httpa', lastName: 'Mergetest', contactPoints: [{ kind: 'phone', value: '(628) 555-0181' }] });
    const gone = await newCustomer({ firstName: 'Httpa', lastName: 'Mergetest', salutation: 'Dr.', contactPoints: [{ kind: 'phone', value: '(628) 555-0182' }] });
    const body = { survivorId: keep.id, mergedId: gone.id, survivorVersion: keep.version, mergedVersion: gone.version };

    const self = await api(t.url, '/api/identity/merges', { method: 'POST', cookie, body: { ...body, mergedId: keep.id } });
    expect([self.status, self.body.error.code]).toEqual([400, 'MERGE_SELF']);
    const stale = await api(t.url, '/api/identity/merges', { method: 'POST', cookie, body: { ...body, mergedVersion: gone.version + 5 } });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
    const bad = await api(t.url, '/api/identity/merges', { method: 'POST', cookie, body: { ...body, rule: 'loudest' } });
    expect([bad.status, bad.body.error.code, bad.body.error.issues[0].path]).toEqual([400, 'INVALID_INPUT', 'rule']);

    const merged = await api(t.url, '/api/identity/merges', { method: 'POST', cookie, body });
    expect(merged.status).toBe(201);
    expect(merged.body.merge).toMatchObject({ survivorId: keep.id, mergedId: gone.id, status: 'merged', mergedBy: expect.any(String), fields: { salutation: 'merged' } });

    const read = await api(t.url, `/api/customers/${gone.id}`, { cookie: cookies['agent1'] });
    expect(read.status).toBe(200);
    expect(read.body.mergedFrom).toBe(gone.id);
    expect(read.body.customer).toMatchObject({ id: keep.id, salutation: 'Dr.' });
    expect(read.body.customer.contactPoints.map((p: { e164: string }) => p.e164)).toEqual(['+16285550181', '+16285550182']);
    const search = await api(t.url, '/api/customers?q=mergetest', { cookie: cookies['agent1'] });
    expect(search.body.items.map((c: { id: string }) => c.id)).toEqual([keep.id]);
    const again = await api(t.url, '/api/identity/merges', { method: 'POST', cookie, body: { ...body, mergedVersion: gone.version + 1 } });
    expect([again.status, again.body.error.code]).toEqual([409, 'MERGE_TARGET_MERGED']);
    const edit = await api(t.url, `/api/customers/${gone.id}`, { method: 'PATCH', cookie: cookies['agent1'], body: { notes: 'too late' } });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'MERGE_TARGET_MERGED']);

    const listed = await api(t.url, `/api/identity/merges?survivorId=${keep.id}&status=merged`, { cookie });
    expect(listed.body.merges.map((m: { id: string; mergedName: string }) => [m.id, m.mergedName])).toEqual([[merged.body.merge.id, 'Httpa Mergetest']]);

    const undo = await api(t.url, `/api/identity/merges/${merged.body.merge.id}/undo`, { method: 'POST', cookie, body: {} });
    expect([undo.status, undo.body.merge.status]).toEqual([200, 'undone']);
    const restored = await api(t.url, `/api/customers/${gone.id}`, { cookie });
    expect(restored.body.mergedFrom).toBeUndefined();
    expect(restored.body.customer).toMatchObject({ id: gone.id, salutation: 'Dr.', mergedIntoId: null });
    expect(restored.body.customer.contactPoints.map((p: { e164: string }) => p.e164)).toEqual(['+16285550182']);
    const twice = await api(t.url, `/api/identity/merges/${merged.body.merge.id}/undo`, { method: 'POST', cookie, body: {} });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'UNMERGE_CONFLICT']);
    const unknown = await api(t.url, '/api/identity/merges/not-a-merge/undo', { method: 'POST', cookie, body: {} });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'MERGE_NOT_FOUND']);
  });

  it('admins edit the matching rules, validated; supervisors read them; agents neither', async () => {
    const read = await api(t.url, '/api/identity/settings', { cookie: cookies['supervisor'] });
    expect(read.status).toBe(200);
    expect(read.body.settings).toMatchObject({ sureThreshold: 9, reviewThreshold: 7 });
    const agent = await api(t.url, '/api/identity/settings', { cookie: cookies['agent1'] });
    expect(agent.status).toBe(403);
    const bySupervisor = await api(t.url, '/api/identity/settings', { method: 'PUT', cookie: cookies['supervisor'], body: read.body.settings });
    expect([bySupervisor.status, bySupervisor.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const rules = read.body.settings.rules.map((r: { id: string; weight: number }) => (r.id === 'phone_exact' ? { ...r, weight: 4 } : r));
    const saved = await api(t.url, '/api/identity/settings', { method: 'PUT', cookie: cookies['admin'], body: { ...read.body.settings, rules } });
    expect(saved.status).toBe(200);
    expect((await api(t.url, '/api/identity/settings', { cookie: cookies['supervisor'] })).body.settings.rules[0]).toMatchObject({ id: 'phone_exact', weight: 4 });
    const bad = await api(t.url, '/api/identity/settings', { method: 'PUT', cookie: cookies['admin'], body: { ...read.body.settings, reviewThreshold: 50 } });
    expect([bad.status, bad.body.error.code, bad.body.error.issues[0].path]).toEqual([400, 'INVALID_INPUT', 'reviewThreshold']);
    const reset = await api(t.url, '/api/identity/settings', { method: 'DELETE', cookie: cookies['admin'] });
    expect(reset.body.settings.rules[0]).toMatchObject({ id: 'phone_exact', weight: 5 });
  });

  it('reviews unknown candidates with a stable code', async () => {
    const res = await api(t.url, '/api/identity/candidates/00000000-0000-4000-8000-000000000000/skip', { method: 'POST', cookie: cookies['supervisor'], body: {} });
    expect([res.status, res.body.error.code]).toEqual([404, 'CANDIDATE_NOT_FOUND']);
    const list = await api(t.url, '/api/identity/candidates?status=bogus', { cookie: cookies['supervisor'] });
    expect([list.status, list.body.error.code]).toEqual([400, 'INVALID_INPUT']);
  });
});
