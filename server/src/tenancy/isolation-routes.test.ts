import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { COMMAND_NAMES, DEFAULT_TENANT_ID, type CommandName } from '@ringside/shared';
import { TestClient } from '../cti/testing/test-client.js';
import { testDatabases, type TestDatabase } from '../db/test-databases.js';
import { api, loginCookie, startTestServer, type TestServer } from '../http/test-server.js';
import { createTenantB, markersIn, snapshotTenant, type TenantBData } from './isolation-fixture.js';
import { appEndpoints, type Endpoint } from '../http/route-walk.js';

const B_PASSWORD = 'blorp-password';
/** A call id no tenant has: B has no live call here, so call commands prove only that nothing of B answers. */
const NO_CALL = '1796688000.77';

/** What fills each path parameter: B's id of that kind (the prefix tells which kind an `:id` is). */
function paramValue(route: string, name: string, b: TenantBData): string {
  if (name === 'relationshipId') return b.relationshipId;
  if (name === 'key') return b.attributeKey;
  if (name === 'callId') return NO_CALL;
  if (name === 'number') return '1';
  if (name === 'id') {
    if (route.startsWith('/api/customers/')) return b.customerId;
    if (route.startsWith('/api/identity/candidates/')) return b.candidateId;
    if (route.startsWith('/api/identity/merges/')) return b.mergeId;
    if (route.startsWith('/api/jobs/')) return b.jobId;
    if (route.startsWith('/api/customer-imports/')) return b.importId;
    if (route.startsWith('/api/users/')) return b.userId;
  }
  // A route this list does not know yet (the platform's tenant routes): B's tenant is the id to try.
  return b.tenantId;
}

/** A command's payload naming B's agent, queue and customer where it takes one. */
function commandPayload(name: CommandName, b: TenantBData): Record<string, unknown> {
  const byName: Partial<Record<CommandName, Record<string, unknown>>> = {
    sendDtmf: { callId: NO_CALL, digits: '1' },
    blindTransfer: { callId: NO_CALL, target: { kind: 'queue', queue: 'blorp-sales' } },
    attendedTransferConsult: { callId: NO_CALL, target: { kind: 'extension', extension: '2001' } },
    clickToDial: { number: b.phone, customerId: b.customerId },
    queueLogin: { queue: 'blorp-sales' },
    queueLogout: { queue: 'blorp-sales' },
    pause: { reason: 'lunch' },
    unpause: {},
    logOut: {},
    setDisposition: { callId: NO_CALL, code: 'resolved' },
    forcePause: { agentId: b.agentId, reason: 'lunch' },
  };
  if (byName[name]) return byName[name];
  return name.startsWith('supervisor') || name === 'forceLogout' ? { agentId: b.agentId } : { callId: NO_CALL };
}

/** Bodies that get past validation, so the route reaches its lookup of B's row. */
function bodyFor(method: string, route: string, b: TenantBData, aCustomerId: string): unknown {
  const key = `${method} ${route.replace(/\/$/, '')}`;
  const bodies: Record<string, unknown> = {
    'PATCH /api/customers/:id': { notes: 'taken over' },
    'POST /api/customers/:id/consent': { contactPointId: b.contactPointId, channel: 'voice', purpose: 'marketing', state: 'withdrawn' },
    'POST /api/customers/:id/relationships': { type: 'contact_of', fromPartyId: aCustomerId, toPartyId: b.customerId },
    'POST /api/customers/:id/relationships/:relationshipId/end': {},
    'PATCH /api/customer-attributes/:key': { label: 'taken over' },
    'POST /api/identity/merges': { survivorId: aCustomerId, mergedId: b.customerId, survivorVersion: 1, mergedVersion: 1 },
    'POST /api/identity/merges/:id/undo': {},
    'POST /api/identity/candidates/:id/not-duplicate': {},
    'POST /api/identity/candidates/:id/skip': {},
    'POST /api/customer-imports/:id/dry-run': { source: b.importSource, columns: { first: 'givenName' } },
    'POST /api/customer-imports/:id/run': {},
    'PATCH /api/users/:id': { displayName: 'taken over', active: false, password: 'taken-over-password' },
    'POST /api/users/:id/sessions/end': {},
    'POST /api/jobs/:id/cancel': {},
    'POST /api/dialplan/versions/:number/rollback': { comment: 'a rollback of A' },
    // Searches and checks name B's customer: A must get nothing of B back.
    'POST /api/customers/duplicate-check': { kind: 'person', firstName: 'Zebulon', lastName: 'Quixotebee', contactPoints: [{ kind: 'phone', value: b.phone }] },
    'POST /api/customers': { kind: 'person', firstName: 'Zebulon', lastName: 'Quixotebee', lifecycle: 'lead', contactPoints: [{ kind: 'phone', value: b.phone }] },
    'POST /api/auth/password': { currentPassword: 'wrong-password', newPassword: 'whatever-password' },
  };
  if (key in bodies) return bodies[key];
  const command = /^POST \/api\/(?:commands\/:name|calls\/:callId\/:name)$/.test(key);
  return command ? undefined : {};
}

/**
 * Commands that still accept a payload naming B, each with the gap; the test fails when one is
 * fixed too, so the list stays true (remove the entry then).
 */
/** Commands that still fail as tenant A naming B's rows the wrong way (5xx or accepted), each with why; the test fails when one is fixed, so the list stays true. */
const KNOWN_GAPS: Record<string, string> = {};

/** True when a command payload names one of B's agents, queues or customers. */
function namesB(payload: unknown, b: TenantBData): boolean {
  const text = JSON.stringify(payload ?? '');
  return text.includes(b.agentId) || text.includes(b.customerId) || text.includes('blorp');
}

/** Queries of list routes that search for B's names and numbers. */
const SEARCHES: Record<string, string[]> = {
  '/api/customers': ['?q=Zebulon', '?q=%2B14155550777', '?q=blorp', '?q=Quixotebee&limit=100'],
  '/api/customers/export.csv': ['', '?q=Zebulon'],
  '/api/identity/candidates': ['', '?status=not_duplicate'],
  '/api/jobs': ['', '?queue=blorp.queue'],
  '/api/identity/merges': ['', '?status=merged'],
};

/** The B markers a reply shows that the request did not carry itself. */
function leaked(reply: unknown, sent: string, b: TenantBData): string[] {
  const lowerSent = sent.toLowerCase();
  return markersIn(reply, b).filter((m) => !lowerSent.includes(m.toLowerCase()));
}

describe.each(testDatabases())('tenant A\'s admin reaches nothing of tenant B by any route (%s)', (driver, make) => {
  let db: TestDatabase;
  let t: TestServer;
  let consoleDir: string;
  let b: TenantBData;
  let cookieA = '';
  let cookieB = '';
  /** A's agent (with a phone) and supervisor: the CTI commands need a phone or the supervisor role. */
  let cookieAgentA = '';
  let cookieSupervisorA = '';
  let aCustomerId = '';
  let endpoints: Endpoint[];

  beforeAll(async () => {
    db = make();
    const env: Record<string, string> = { PBX_MODE: 'simulated', SIM_AUTO_ANSWER_MS: '0', LOGIN_RATE_LIMIT: '10000', COMMAND_RATE_LIMIT_CRM_WRITE: '10000/60', COMMAND_RATE_LIMIT_CALL_CONTROL: '10000/2', COMMAND_RATE_LIMIT_ADMIN: '10000/60' };
    if (driver === 'postgres') {
      await (await db.open()).close();
      env['DATABASE_URL'] = db.url ?? '';
    }
    consoleDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-iso-console-'));
    await writeFile(path.join(consoleDir, 'index.html'), '<!doctype html><title>Ringside</title>');
    t = await startTestServer({ ...env, CONSOLE_DIR: consoleDir });
    b = await createTenantB(t.server.parts().database, { password: B_PASSWORD });
    cookieB = await loginCookie(t.url, b.username, B_PASSWORD);
    // B's import file, uploaded like a real one: its id and rows are markers too.
    const csv = 'first,last,phone\nZebulon,Quixotebee,+14155550777\nZeb,Q,blorp-not-a-number\n';
    const upload = await fetch(`${t.url}/api/customer-imports?source=${b.importSource}`, { method: 'POST', headers: { cookie: cookieB, 'content-type': 'text/csv' }, body: csv });
    expect(upload.status).toBe(201);
    const uploaded = ((await upload.json()) as { import: { id: string } }).import;
    b.markers.push(uploaded.id);
    b.importId = uploaded.id;
    const dryRun = await api(t.url, `/api/customer-imports/${b.importId}/dry-run`, { method: 'POST', cookie: cookieB, body: { columns: { first: 'givenName', last: 'familyName', phone: 'phone' } } });
    expect(dryRun.status).toBe(200);
    cookieA = await loginCookie(t.url, 'admin', 'admin-demo');
    cookieAgentA = await loginCookie(t.url, 'agent1', 'agent-demo');
    cookieSupervisorA = await loginCookie(t.url, 'supervisor', 'supervisor-demo');
    aCustomerId = (await api(t.url, '/api/customers?q=Alice', { cookie: cookieA })).body.items[0].id;
    endpoints = appEndpoints(t.server.parts().app);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await db?.dispose();
    if (consoleDir) await rm(consoleDir, { recursive: true, force: true });
  }, 60_000);

  it('B\'s own admin sees B\'s rows through the same routes (the walk below could find them)', async () => {
    expect(markersIn((await api(t.url, `/api/customers/${b.customerId}`, { cookie: cookieB })).body, b)).toContain(b.customerId);
    expect(markersIn((await api(t.url, '/api/customers?q=Zebulon', { cookie: cookieB })).body, b)).toContain(b.customerId);
    expect(markersIn((await api(t.url, '/api/users', { cookie: cookieB })).body, b)).toContain(b.userId);
    expect(markersIn((await api(t.url, `/api/customer-imports/${b.importId}/errors.csv`, { cookie: cookieB })).body, b).length).toBeGreaterThan(0);
  });

  it('B\'s files are not reachable from A: import problems, export, and the data folder by URL', async () => {
    for (const url of [`/api/customer-imports/${b.importId}/errors.csv`, `/api/customer-imports/${b.importId}/run-errors.csv`]) {
      const reply = await api(t.url, url, { cookie: cookieA });
      expect([reply.status, leaked(reply.body, url, b)]).toEqual([404, []]);
    }
    const exported = await api(t.url, '/api/customers/export.csv', { cookie: cookieA });
    expect(exported.status).toBe(200);
    expect(leaked(exported.body, '', b)).toEqual([]);
    for (const url of [`/imports/${b.importId}.csv`, `/data/imports/${b.importId}.csv`, `/..%2fimports%2f${b.importId}.csv`, `/%2e%2e/imports/${b.importId}.csv`]) {
      const reply = await fetch(`${t.url}${url}`, { headers: { cookie: cookieA } });
      expect(leaked(await reply.text(), url, b)).toEqual([]);
    }
  });

  it('every route, with B\'s ids in its path and B\'s names in its search, answers A without anything of B and changes none of B\'s rows', async () => {
    const before = await snapshotTenant(t.server.parts().database, b.tenantId);
    const problems: string[] = [];
    const walked = new Set<string>();
    const gaps = new Set<string>();
    for (const e of endpoints) {
      if (e.path === '/api/auth/login' || e.path === '/api/auth/logout') continue;
      const names = e.path.startsWith('/api/commands/') || e.path.startsWith('/api/calls/') ? COMMAND_NAMES : [null];
      for (const name of names) {
        let usesB = false;
        const pathName = e.path.replace(/:([A-Za-z]+)/g, (_m, p: string) => {
          if (p === 'name' && name) return name;
          usesB ||= p !== 'number';
          return encodeURIComponent(paramValue(e.path, p, b));
        });
        if (name && e.path.startsWith('/api/calls/') && !('callId' in commandPayload(name, b))) continue;
        const body = name ? commandPayload(name, b) : bodyFor(e.method, e.path, b, aCustomerId);
        // Commands as A's agent and supervisor too: the admin has no phone, so most would stop at the role check.
        const who = name ? { admin: cookieA, agent: cookieAgentA, supervisor: cookieSupervisorA } : { admin: cookieA };
        for (const [role, cookie] of Object.entries(who)) for (const search of e.method === 'GET' ? (SEARCHES[e.path.replace(/\/$/, '')] ?? ['']) : ['']) {
          const url = `${pathName}${search}`;
          walked.add(`${e.method} ${e.path}`);
          const reply = await api(t.url, url, { method: e.method, cookie, ...(e.method === 'GET' || body === undefined ? {} : { body }) });
          const where = `${role}: ${e.method} ${url} -> ${reply.status}`;
          const shown = leaked(reply.body, `${url} ${JSON.stringify(body ?? '')}`, b);
          if (shown.length) problems.push(`${where} shows ${shown.join(', ')}`);
          if (reply.status >= 500 && !(name && name in KNOWN_GAPS)) problems.push(`${where}: ${JSON.stringify(reply.body).slice(0, 200)}`);
          // A change addressed at B's row must fail as if the row did not exist (or be refused outright).
          if (usesB && e.method !== 'GET' && reply.status < 400) problems.push(`${where}: a change naming B's row succeeded`);
          if (name && namesB(body, b) && (reply.status < 400 || reply.status >= 500)) gaps.add(name);
          if (e.path.startsWith('/api/platform') && reply.status !== 403 && reply.status !== 404) problems.push(`${where}: a tenant admin reached the platform's routes`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect([...gaps].sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
    expect(walked.size).toBeGreaterThan(40);
    expect(await snapshotTenant(t.server.parts().database, b.tenantId)).toEqual(before);
    // B's admin was neither signed out nor changed by A's attempts on their user.
    expect((await api(t.url, '/api/auth/me', { cookie: cookieB })).status).toBe(200);
    await loginCookie(t.url, b.username, B_PASSWORD);
  }, 300_000);

  it('A\'s user creation with B\'s username says only that the name is taken (usernames are one platform-wide identity)', async () => {
    const reply = await api(t.url, '/api/users', { method: 'POST', cookie: cookieA, body: { username: b.username, displayName: 'A copy', password: 'a-password-123', role: 'agent' } });
    expect(reply.status).toBe(409);
    expect(JSON.stringify(reply.body)).not.toMatch(/tenant|blorp/i);
    expect(leaked(reply.body, b.username, b)).toEqual([]);
  });

  it('over the socket, A\'s supervisor and agent see no agent of B, and every command naming B\'s agent, queue or customer is refused', async () => {
    const problems: string[] = [];
    const gaps = new Set<string>();
    for (const [username, password] of [['supervisor', 'supervisor-demo'], ['agent2', 'agent-demo']] as const) {
      const client = await TestClient.connect(t.url, await loginCookie(t.url, username, password));
      try {
        // The live state (agents, queues, calls) comes from the one switch: A's snapshot must hold A's part only.
        if (leaked(client.snapshot(), '', b).length) problems.push(`${username}: snapshot shows ${leaked(client.snapshot(), '', b).join(', ')}`);
        for (const name of COMMAND_NAMES) {
          const payload = commandPayload(name, b);
          const ack = await client.command(name, payload);
          const shown = leaked(ack, JSON.stringify(payload), b);
          if (shown.length) problems.push(`${username} ${name}: ack shows ${shown.join(', ')}`);
          if (namesB(payload, b) && (ack.ok || ack.error.code === 'PBX_REJECTED')) gaps.add(name);
        }
        if (leaked(client.events, '', b).length) problems.push(`${username}: events show ${leaked(client.events, '', b).join(', ')}`);
      } finally {
        client.close();
      }
    }
    expect(problems).toEqual([]);
    expect([...gaps].sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  }, 60_000);

  it('for a user of both tenants, A\'s admin changes their role in A but not the name, password or active flag they have in B too', async () => {
    const database = t.server.parts().database;
    await database.rawSql(`insert into tenant_memberships (tenant_id, user_id, role) values ($1, $2, 'agent')`, [DEFAULT_TENANT_ID, b.userId]);
    for (const patch of [{ password: 'taken-over-password' }, { active: false }, { displayName: 'Taken Over' }]) {
      const reply = await api(t.url, `/api/users/${b.userId}`, { method: 'PATCH', cookie: cookieA, body: patch });
      expect([JSON.stringify(patch), reply.status, reply.body.error?.code]).toEqual([JSON.stringify(patch), 403, 'FORBIDDEN']);
    }
    expect((await api(t.url, `/api/users/${b.userId}`, { method: 'PATCH', cookie: cookieA, body: { role: 'supervisor' } })).status).toBe(200);
    const roles = await database.rawSql(`select tenant_id, role::text as role from tenant_memberships where user_id = $1 order by role`, [b.userId]);
    expect(roles.rows).toEqual([{ tenant_id: b.tenantId, role: 'admin' }, { tenant_id: DEFAULT_TENANT_ID, role: 'supervisor' }]);
    await loginCookie(t.url, b.username, B_PASSWORD);
  });
});
