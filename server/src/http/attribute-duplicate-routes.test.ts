import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_CALLERS } from '../db/seed.js';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

describe('custom attributes and duplicate warnings over HTTP', () => {
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

  it('only admins define attributes; every role reads the definitions', async () => {
    const body = { key: 'plan', label: 'Plan', type: 'choice', options: ['basic', 'pro'], required: false };
    for (const user of ['agent1', 'supervisor']) {
      const refused = await api(t.url, '/api/customer-attributes', { method: 'POST', cookie: cookies[user], body });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    const created = await api(t.url, '/api/customer-attributes', { method: 'POST', cookie: cookies['admin'], body });
    expect(created.status).toBe(201);
    expect(created.body.attribute).toMatchObject({ key: 'plan', type: 'choice', options: ['basic', 'pro'], active: true });
    const again = await api(t.url, '/api/customer-attributes', { method: 'POST', cookie: cookies['admin'], body });
    expect([again.status, again.body.error.code]).toEqual([409, 'ATTRIBUTE_EXISTS']);
    const bad = await api(t.url, '/api/customer-attributes', { method: 'POST', cookie: cookies['admin'], body: { key: 'Bad Key', label: '', type: 'colour' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['key', 'label', 'type']);
    const listed = await api(t.url, '/api/customer-attributes', { cookie: cookies['agent1'] });
    expect(listed.status).toBe(200);
    expect(listed.body.attributes.map((a: { key: string }) => a.key)).toContain('plan');
    const patched = await api(t.url, '/api/customer-attributes/plan', { method: 'PATCH', cookie: cookies['agent1'], body: { label: 'X' } });
    expect(patched.status).toBe(403);
    const missing = await api(t.url, '/api/customer-attributes/nope', { method: 'PATCH', cookie: cookies['admin'], body: { label: 'X' } });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'ATTRIBUTE_NOT_FOUND']);
  });

  it('an agent writes valid values, gets a coded 400 for a bad one, and filters the search by value', async () => {
    const cookie = cookies['agent1'];
    const refused = await api(t.url, '/api/customers', { method: 'POST', cookie, body: { firstName: 'Tilda', lastName: 'Brandt', attributes: { plan: 'platinum' } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'attributes.plan', code: 'ATTRIBUTE_INVALID', message: 'Plan must be one of: basic, pro' }] });
    const unknown = await api(t.url, '/api/customers', { method: 'POST', cookie, body: { firstName: 'Tilda', lastName: 'Brandt', attributes: { shoe_size: 9 } } });
    expect(unknown.body.error.issues[0].code).toBe('ATTRIBUTE_UNKNOWN');
    const control = await api(t.url, '/api/customers', { method: 'POST', cookie, body: { firstName: 'Tilda', lastName: 'Brandt', attributes: { plan: 'pro\r\nX-Injected: 1' } } });
    expect(control.status).toBe(400);
    expect(control.body.error.issues[0].path).toBe('attributes.plan');
    const created = await api(t.url, '/api/customers', { method: 'POST', cookie, body: { firstName: 'Tilda', lastName: 'Brandt', attributes: { plan: 'pro' } } });
    expect(created.status).toBe(201);
    expect(created.body.customer.attributes).toEqual({ plan: 'pro' });
    const found = await api(t.url, '/api/customers?attribute=plan&value=pro', { cookie });
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.customer.id]);
    const half = await api(t.url, '/api/customers?attribute=plan', { cookie });
    expect(half.status).toBe(400);
  });

  it('removing a definition in use deactivates it and keeps the values', async () => {
    const removed = await api(t.url, '/api/customer-attributes/plan', { method: 'DELETE', cookie: cookies['admin'] });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ outcome: 'deactivated', valuesKept: 1, definition: { key: 'plan', active: false } });
    const found = await api(t.url, '/api/customers?attribute=plan&value=pro', { cookie: cookies['agent1'] });
    expect(found.body.items[0].attributes).toEqual({ plan: 'pro' });
  });

  it('the duplicate check returns the seeded customer with score and evidence to any role', async () => {
    const draft = { kind: 'person', firstName: 'Karol', lastName: 'Nguyen', contactPoints: [{ kind: 'phone', value: '415 555 0103' }] };
    for (const user of ['agent1', 'supervisor', 'admin']) {
      const res = await api(t.url, '/api/customers/duplicate-check', { method: 'POST', cookie: cookies[user], body: draft });
      expect(res.status).toBe(200);
      expect(res.body.candidates[0]).toMatchObject({ customer: { firstName: 'Carol', lastName: 'Nguyen' }, decision: expect.stringMatching(/^(sure|review)$/) });
      expect(res.body.candidates[0].evidence.map((e: { ruleId: string }) => e.ruleId)).toContain('phone_exact');
    }
    const none = await api(t.url, '/api/customers/duplicate-check', { method: 'POST', cookie: cookies['agent1'], body: { kind: 'person', firstName: 'Unique', lastName: 'Xylophone' } });
    expect(none.body).toEqual({ candidates: [] });
    const bad = await api(t.url, '/api/customers/duplicate-check', { method: 'POST', cookie: cookies['agent1'], body: { kind: 'robot' } });
    expect(bad.status).toBe(400);
    const anonymous = await api(t.url, '/api/customers/duplicate-check', { method: 'POST', body: draft });
    expect(anonymous.status).toBe(401);
  });

  it('creating a likely duplicate is 409 DUPLICATE_SUSPECTED with the candidates, and saves with confirmDuplicate', async () => {
    const cookie = cookies['agent1'];
    const draft = { firstName: 'Carol', lastName: 'Nguyen', contactPoints: [{ kind: 'phone', value: DEMO_CALLERS.carolNguyen }] };
    const held = await api(t.url, '/api/customers', { method: 'POST', cookie, body: draft });
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('DUPLICATE_SUSPECTED');
    expect(held.body.error.details.candidates[0].customer.contactPoints[0].e164).toBe(DEMO_CALLERS.carolNguyen);
    const before = await api(t.url, '/api/customers?q=carol%20nguyen', { cookie });
    const saved = await api(t.url, '/api/customers', { method: 'POST', cookie, body: { ...draft, confirmDuplicate: true } });
    expect(saved.status).toBe(201);
    const after = await api(t.url, '/api/customers?q=carol%20nguyen', { cookie });
    expect(after.body.total).toBe(before.body.total + 1);
  });
});
