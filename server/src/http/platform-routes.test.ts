import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_TENANT_ID } from '@ringside/shared';
import { api, eventually, loginCookie, startTestServer, type TestServer } from './test-server.js';

jest.setTimeout(120_000);

describe('the platform operator over HTTP', () => {
  let t: TestServer;
  let operator: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestServer();
    operator = await loginCookie(t.url, 'operator', 'operator-demo');
    admin = await loginCookie(t.url, 'admin', 'admin-demo');
  }, 60_000);
  afterAll(async () => t.close());

  const create = (body: unknown) => api(t.url, '/api/platform/tenants', { method: 'POST', cookie: operator, body });

  it('only a platform operator reaches /api/platform; a tenant admin is refused', async () => {
    expect((await api(t.url, '/api/platform/tenants')).status).toBe(401);
    const refused = await api(t.url, '/api/platform/tenants', { cookie: admin });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const listed = await api(t.url, '/api/platform/tenants', { cookie: operator });
    expect(listed.status).toBe(200);
    // The demo's two companies: Acme and the default tenant, by name.
    expect(listed.body.tenants).toEqual([expect.objectContaining({ slug: 'acme', status: 'active' }), expect.objectContaining({ id: DEFAULT_TENANT_ID, status: 'active' })]);
    expect((await api(t.url, '/api/auth/me', { cookie: operator })).body.user).toMatchObject({ platformOperator: true, tenant: { id: DEFAULT_TENANT_ID } });
  });

  it('creates a tenant with a new first admin, refuses a taken slug and a bad one with the field named', async () => {
    const bad = await create({ slug: 'Not A Slug', name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['name', 'slug']);
    const made = await create({ slug: 'beta', name: 'Beta Corp', limits: { agents: 1 }, admin: { username: 'beta-admin', displayName: 'Bea Admin', password: 'beta-admin-pw' } });
    expect(made.status).toBe(201);
    expect(made.body.tenant).toMatchObject({ slug: 'beta', switchPrefix: 'beta', status: 'active', limits: { agents: 1, concurrentCalls: null, storageMb: null, messagesPerDay: null } });
    const again = await create({ slug: 'beta', name: 'Other' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('TENANT_EXISTS');
    const noPassword = await create({ slug: 'delta', name: 'Delta', admin: { username: 'nobody-yet' } });
    expect(noPassword.status).toBe(400);
    expect((await api(t.url, '/api/platform/tenants', { cookie: operator })).body.tenants.map((x: { slug: string }) => x.slug)).not.toContain('delta');
    const beta = await loginCookie(t.url, 'beta-admin', 'beta-admin-pw');
    const me = (await api(t.url, '/api/auth/me', { cookie: beta })).body.user;
    expect(me).toMatchObject({ role: 'admin', tenant: { slug: 'beta' }, platformOperator: false });
    // A tenant admin sees their own tenant's members only.
    expect((await api(t.url, '/api/users', { cookie: beta })).body.items.map((u: { username: string }) => u.username)).toEqual(['beta-admin']);
  });

  it('an existing user made admin of a second tenant switches between the two', async () => {
    const made = await create({ slug: 'gamma', name: 'Gamma Ltd', admin: { username: 'agent1' } });
    expect(made.status).toBe(201);
    const gammaId: string = made.body.tenant.id;
    const agent1 = await loginCookie(t.url, 'agent1', 'agent-demo');
    const me = (await api(t.url, '/api/auth/me', { cookie: agent1 })).body.user;
    expect(me.tenants.map((m: { slug: string; role: string }) => `${m.slug}:${m.role}`).sort()).toEqual(['default:agent', 'gamma:admin'].sort());
    const switched = await api(t.url, '/api/auth/tenant', { method: 'POST', cookie: agent1, body: { tenantId: gammaId } });
    expect(switched.status).toBe(200);
    expect(switched.body.user).toMatchObject({ role: 'admin', tenant: { id: gammaId, name: 'Gamma Ltd' } });
    expect((await api(t.url, '/api/auth/me', { cookie: agent1 })).body.user.tenant.id).toBe(gammaId);
    const betaId = (await api(t.url, '/api/platform/tenants', { cookie: operator })).body.tenants.find((x: { slug: string }) => x.slug === 'beta').id;
    const notMine = await api(t.url, '/api/auth/tenant', { method: 'POST', cookie: agent1, body: { tenantId: betaId } });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('NOT_A_MEMBER');
    expect((await api(t.url, '/api/auth/tenant', { method: 'POST', cookie: agent1, body: { tenantId: 'x' } })).status).toBe(400);
    // Back again, for the suspension below.
    expect((await api(t.url, '/api/auth/tenant', { method: 'POST', cookie: agent1, body: { tenantId: DEFAULT_TENANT_ID } })).body.user.tenant.id).toBe(DEFAULT_TENANT_ID);
  });

  it('suspending ends the sessions in the tenant and refuses sign-in and switching into it until reactivated', async () => {
    const tenants = (await api(t.url, '/api/platform/tenants', { cookie: operator })).body.tenants as { id: string; slug: string }[];
    const gammaId = tenants.find((x) => x.slug === 'gamma')?.id ?? '';
    const agent1 = await loginCookie(t.url, 'agent1', 'agent-demo');
    await api(t.url, '/api/auth/tenant', { method: 'POST', cookie: agent1, body: { tenantId: gammaId } });
    const suspended = await api(t.url, `/api/platform/tenants/${gammaId}/suspend`, { method: 'POST', cookie: operator });
    expect(suspended.body.tenant.status).toBe('suspended');
    expect((await api(t.url, '/api/auth/me', { cookie: agent1 })).status).toBe(401);
    // agent1 still has the default tenant: they sign in there, but cannot switch into the suspended one.
    const again = await loginCookie(t.url, 'agent1', 'agent-demo');
    const refused = await api(t.url, '/api/auth/tenant', { method: 'POST', cookie: again, body: { tenantId: gammaId } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('TENANT_SUSPENDED');
    const reactivated = await api(t.url, `/api/platform/tenants/${gammaId}/reactivate`, { method: 'POST', cookie: operator });
    expect(reactivated.body.tenant.status).toBe('active');
    expect((await api(t.url, '/api/auth/tenant', { method: 'POST', cookie: again, body: { tenantId: gammaId } })).status).toBe(200);
    expect((await api(t.url, `/api/platform/tenants/${DEFAULT_TENANT_ID}/suspend`, { method: 'POST', cookie: operator })).status).toBe(403);
  });

  it('a user whose only tenant is suspended is told so at sign-in', async () => {
    const made = await create({ slug: 'epsilon', name: 'Epsilon', admin: { username: 'eps-admin', password: 'eps-admin-pw' } });
    await api(t.url, `/api/platform/tenants/${made.body.tenant.id}`, { method: 'PATCH', cookie: operator, body: { status: 'suspended' } });
    const res = await api(t.url, '/api/auth/login', { method: 'POST', body: { username: 'eps-admin', password: 'eps-admin-pw' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('TENANT_SUSPENDED');
  });

  it('the agents and storage limits refuse with TENANT_LIMIT_EXCEEDED naming the limit', async () => {
    const beta = await loginCookie(t.url, 'beta-admin', 'beta-admin-pw');
    const agent = (n: number) => ({ username: `beta-agent${n}`, displayName: `Beta Agent ${n}`, role: 'agent', password: 'beta-agent-pw' });
    expect((await api(t.url, '/api/users', { method: 'POST', cookie: beta, body: agent(1) })).status).toBe(201);
    const over = await api(t.url, '/api/users', { method: 'POST', cookie: beta, body: agent(2) });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'TENANT_LIMIT_EXCEEDED', message: expect.stringContaining('limit of 1 agents') });
    // The refused user was not created at all.
    expect((await api(t.url, '/api/users', { cookie: beta })).body.items).toHaveLength(2);
    const betaId = (await api(t.url, '/api/auth/me', { cookie: beta })).body.user.tenant.id as string;
    await api(t.url, `/api/platform/tenants/${betaId}`, { method: 'PATCH', cookie: operator, body: { limits: { storageMb: 0 } } });
    const upload = await fetch(`${t.url}/api/customer-imports?source=crm`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie: beta }, body: 'Id,Name\n1,Ann\n' });
    expect(upload.status).toBe(409);
    expect(((await upload.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'TENANT_LIMIT_EXCEEDED', message: expect.stringContaining('storage') });
    // The agents limit stayed as it was: PATCH merges limits.
    expect((await api(t.url, `/api/platform/tenants/${betaId}`, { cookie: operator })).body.tenant.limits).toEqual({ agents: 1, concurrentCalls: null, storageMb: 0, messagesPerDay: null });
  });

  it('usage counts each tenant on its own', async () => {
    const own = await api(t.url, `/api/platform/tenants/${DEFAULT_TENANT_ID}/usage`, { cookie: operator });
    expect(own.status).toBe(200);
    // agent1-3 and olivia, who also works for Acme.
    expect(own.body).toMatchObject({ tenantId: DEFAULT_TENANT_ID, agents: 4, customers: 500, storageBytes: 0, concurrentCalls: 0 });
    expect(own.body.interactionsThisMonth).toEqual(expect.any(Number));
    const betaId = (await api(t.url, '/api/platform/tenants', { cookie: operator })).body.tenants.find((x: { slug: string }) => x.slug === 'beta').id;
    expect((await api(t.url, `/api/platform/tenants/${betaId}/usage`, { cookie: operator })).body).toEqual({ tenantId: betaId, agents: 1, customers: 0, interactionsThisMonth: 0, talkMinutesThisMonth: 0, storageBytes: 0, concurrentCalls: 0 });
    expect((await api(t.url, '/api/platform/tenants/00000000-0000-4000-8000-00000000dead/usage', { cookie: operator })).body.error.code).toBe('TENANT_NOT_FOUND');
  });

  it('deleting answers 202 with the job, which removes the tenant; the default tenant cannot be deleted', async () => {
    const betaId = (await api(t.url, '/api/platform/tenants', { cookie: operator })).body.tenants.find((x: { slug: string }) => x.slug === 'beta').id;
    const beta = await loginCookie(t.url, 'beta-admin', 'beta-admin-pw');
    const res = await api(t.url, `/api/platform/tenants/${betaId}`, { method: 'DELETE', cookie: operator });
    expect(res.status).toBe(202);
    expect(res.body.tenant.status).toBe('deleting');
    expect((await api(t.url, '/api/auth/me', { cookie: beta })).status).toBe(401);
    const job = await eventually('the deletion job', async () => {
      const run = await api(t.url, `/api/platform/jobs/${res.body.jobId}`, { cookie: operator });
      return ['completed', 'failed'].includes(run.body.state) ? run.body : null;
    });
    expect(job).toMatchObject({ state: 'completed', queue: 'tenants.delete' });
    expect((await api(t.url, `/api/platform/tenants/${betaId}`, { cookie: operator })).status).toBe(404);
    const login = await api(t.url, '/api/auth/login', { method: 'POST', body: { username: 'beta-admin', password: 'beta-admin-pw' } });
    expect(login.body.error.code).toBe('NOT_A_MEMBER');
    const refused = await api(t.url, `/api/platform/tenants/${DEFAULT_TENANT_ID}`, { method: 'DELETE', cookie: operator });
    expect(refused.status).toBe(403);
  });
});
