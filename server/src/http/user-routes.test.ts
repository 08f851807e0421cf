import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

describe('an admin managing users over HTTP', () => {
  let t: TestServer;
  let admin: string;

  beforeAll(async () => {
    t = await startTestServer();
    admin = await loginCookie(t.url, 'admin', 'admin-demo');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('creates an agent with a phone who can then sign in with that phone', async () => {
    const created = await api(t.url, '/api/users', {
      method: 'POST',
      cookie: admin,
      body: { username: 'Dana', displayName: 'Dana Agent', role: 'agent', password: 'correct-horse-9', agent: { endpoint: 'PJSIP/1004', extension: '1004' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ username: 'dana', role: 'agent', active: true, agent: { endpoint: 'PJSIP/1004', extension: '1004' } });
    const me = await api(t.url, '/api/auth/me', { cookie: await loginCookie(t.url, 'dana', 'correct-horse-9') });
    expect(me.body.user.agent).toMatchObject({ endpoint: 'PJSIP/1004' });
  });

  it('refuses a taken phone with CONFLICT and leaves no half-created user behind', async () => {
    const res = await api(t.url, '/api/users', {
      method: 'POST',
      cookie: admin,
      body: { username: 'eve', displayName: 'Eve', role: 'agent', password: 'correct-horse-9', agent: { endpoint: 'PJSIP/1001', extension: '1099' } },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    const list = await api(t.url, '/api/users', { cookie: admin });
    expect(list.body.items.map((u: { username: string }) => u.username)).not.toContain('eve');
  });

  it('refuses a username with a line break or a short password, naming the field', async () => {
    const res = await api(t.url, '/api/users', { method: 'POST', cookie: admin, body: { username: 'x\r\ny', displayName: 'X', role: 'agent', password: 'short' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    const paths = res.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it('deactivating a user ends their session at once', async () => {
    const cookie = await loginCookie(t.url, 'agent2', 'agent-demo');
    const list = await api(t.url, '/api/users', { cookie: admin });
    const agent2 = list.body.items.find((u: { username: string }) => u.username === 'agent2');
    const res = await api(t.url, `/api/users/${agent2.id}`, { method: 'PATCH', cookie: admin, body: { active: false } });
    expect(res.status).toBe(200);
    expect(res.body.user.active).toBe(false);
    expect((await api(t.url, '/api/auth/me', { cookie })).status).toBe(401);
    expect((await api(t.url, '/api/auth/login', { method: 'POST', body: { username: 'agent2', password: 'agent-demo' } })).status).toBe(401);
  });

  it('an admin cannot demote themselves, and an agent cannot manage users', async () => {
    const me = await api(t.url, '/api/auth/me', { cookie: admin });
    const demote = await api(t.url, `/api/users/${me.body.user.id}`, { method: 'PATCH', cookie: admin, body: { role: 'agent' } });
    expect(demote.status).toBe(403);
    const agent = await loginCookie(t.url, 'agent3', 'agent-demo');
    const res = await api(t.url, '/api/users', { method: 'POST', cookie: agent, body: { username: 'z', displayName: 'Z', role: 'admin', password: 'correct-horse-9' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('moves a phone to another extension and removes it', async () => {
    const list = await api(t.url, '/api/users', { cookie: admin });
    const agent3 = list.body.items.find((u: { username: string }) => u.username === 'agent3');
    const moved = await api(t.url, `/api/users/${agent3.id}`, { method: 'PATCH', cookie: admin, body: { agent: { endpoint: 'PJSIP/1013', extension: '1013' } } });
    expect(moved.body.user.agent).toEqual({ endpoint: 'PJSIP/1013', extension: '1013' });
    const removed = await api(t.url, `/api/users/${agent3.id}`, { method: 'PATCH', cookie: admin, body: { agent: null } });
    expect(removed.body.user.agent).toBeNull();
    expect((await api(t.url, '/api/users/not-a-uuid', { method: 'PATCH', cookie: admin, body: {} })).status).toBe(404);
  });

  it('an admin ends all of a user’s sessions; the user signs in again, others may not do it', async () => {
    const first = await loginCookie(t.url, 'agent1', 'agent-demo');
    const second = await loginCookie(t.url, 'agent1', 'agent-demo');
    const list = await api(t.url, '/api/users', { cookie: admin });
    const agent1 = list.body.items.find((u: { username: string }) => u.username === 'agent1');
    expect((await api(t.url, `/api/users/${agent1.id}/sessions/end`, { method: 'POST', cookie: first })).status).toBe(403);
    const ended = await api(t.url, `/api/users/${agent1.id}/sessions/end`, { method: 'POST', cookie: admin });
    expect(ended.status).toBe(204);
    for (const cookie of [first, second]) expect((await api(t.url, '/api/auth/me', { cookie })).status).toBe(401);
    expect((await api(t.url, '/api/auth/me', { cookie: admin })).status).toBe(200);
    expect((await api(t.url, '/api/users/00000000-0000-4000-8000-000000000000/sessions/end', { method: 'POST', cookie: admin })).status).toBe(404);
    await loginCookie(t.url, 'agent1', 'agent-demo');
  });
});
