import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { demoDialPlan, type DialPlan } from '@ringside/shared';
import { traceInboundCall } from '@ringside/pbx-sim';
import { testDatabases } from '../db/test-databases.js';
import { api } from '../http/test-server.js';
import { startDialPlanRig, type DialPlanRig } from './testing/dialplan-harness.js';

/** The demo plan plus IVR key 3 for a new queue `billing`. */
function withBilling(): DialPlan {
  const plan = structuredClone(demoDialPlan);
  plan.queues.push({ ...structuredClone(plan.queues[0]!), name: 'billing', members: [{ extension: '1003', penalty: 0, membership: 'static' }] });
  plan.ivrMenus[0]!.options.push({ digit: '3', destination: { type: 'queue', queue: 'billing' } });
  return plan;
}

describe.each(testDatabases())('dial-plan administration on %s', (_driver, makeDb) => {
  let rig: DialPlanRig;
  const call = (presses: string[]) => traceInboundCall(rig.sim!.engine, { did: '5000', presses });
  const as = (who: keyof DialPlanRig['cookies'], method: string, path: string, body?: unknown) =>
    api(rig.url, `/api/dialplan${path}`, { method, cookie: rig.cookies[who], ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    rig = await startDialPlanRig(makeDb());
  }, 60_000);
  afterAll(() => rig?.close());

  it('on an empty database the draft is the demo plan, with no issues and no version behind it', async () => {
    const r = await as('admin', 'GET', '/draft');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ basedOnVersion: null, issues: [] });
    expect(r.body.draft).toEqual(JSON.parse(JSON.stringify(demoDialPlan)));
    expect((await as('admin', 'GET', '/versions')).body).toEqual({ items: [] });
  });

  it('saving a draft with an invalid field is refused with 400 naming the field, and the draft is unchanged', async () => {
    const bad = structuredClone(demoDialPlan) as unknown as { queues: { name: string }[] };
    bad.queues[1]!.name = 'sales\nexten => 9,1,System(rm -rf /)';
    const r = await as('admin', 'PUT', '/draft', { plan: bad });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_INPUT');
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain('plan.queues.1.name');
    expect((await as('admin', 'GET', '/draft')).body.draft.queues[1].name).toBe('sales');
  });

  it('publish creates version 1 with its rendered files and the switch takes it over AMI', async () => {
    const r = await as('admin', 'POST', '/publish', { comment: 'first publish' });
    expect(r.status).toBe(201);
    expect(r.body.version).toMatchObject({ number: 1, author: 'Ada Admin', comment: 'first publish', applyStatus: 'applied', applyError: null, live: true });
    const v1 = await rig.database.db.query.dialplanVersions.findFirst();
    expect(Object.keys(v1!.files as object).sort()).toEqual(['ringside-extensions.conf', 'ringside-http.conf', 'ringside-pjsip.conf', 'ringside-queues.conf']);
    expect(JSON.stringify(v1!.files)).not.toContain('pass1001');
    expect((await as('admin', 'GET', '/draft')).body.basedOnVersion).toBe(1);
    expect((await call(['1'])).landed).toEqual({ kind: 'queue', queue: 'support' });
  });

  it('publishing the same plan again is refused: nothing changed', async () => {
    const r = await as('admin', 'POST', '/publish', { comment: 'again' });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('already live');
  });

  it('a draft with a semantic problem is saved with its issues listed, and publishing it is refused', async () => {
    const plan = structuredClone(demoDialPlan);
    plan.ivrMenus[0]!.options.push({ digit: '3', destination: { type: 'queue', queue: 'billing' } });
    const saved = await as('admin', 'PUT', '/draft', { plan });
    expect(saved.status).toBe(200);
    expect(saved.body.issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_TARGET', path: ['ivrMenus', 0, 'options', 2, 'destination', 'queue'] })]);
    const r = await as('admin', 'POST', '/publish', { comment: 'broken' });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].path).toBe('ivrMenus.0.options.2.destination.queue');
  });

  it('a prompt sound that is a path is refused on save; one the switch does not have is saved with UNKNOWN_SOUND and never published', async () => {
    const withPath = structuredClone(demoDialPlan);
    withPath.ivrMenus[0]!.prompt = { type: 'sound', files: ['/etc/passwd'] };
    const refused = await as('admin', 'PUT', '/draft', { plan: withPath });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues.map((i: { path: string }) => i.path)).toContain('plan.ivrMenus.0.prompt.files.0');
    const unknown = structuredClone(demoDialPlan);
    unknown.ivrMenus[0]!.prompt = { type: 'sound', files: ['etc/passwd'] };
    const saved = await as('admin', 'PUT', '/draft', { plan: unknown });
    expect(saved.status).toBe(200);
    expect(saved.body.issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_SOUND', path: ['ivrMenus', 0, 'prompt', 'files', 0] })]);
    const r = await as('admin', 'POST', '/publish', { comment: 'reads a file' });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].message).toContain('UNKNOWN_SOUND');
    // Back to the plan the next tests expect.
    expect((await as('admin', 'PUT', '/draft', { plan: structuredClone(demoDialPlan) })).status).toBe(200);
  });

  it('the diff shows exactly the lines the change adds, per rendered file', async () => {
    expect((await as('admin', 'PUT', '/draft', { plan: withBilling() })).status).toBe(200);
    const r = await as('admin', 'GET', '/diff');
    expect(r.status).toBe(200);
    const byName = Object.fromEntries(r.body.files.map((f: { name: string }) => [f.name, f]));
    expect(byName['ringside-pjsip.conf']).toMatchObject({ changed: false, lines: [] });
    expect(byName['ringside-http.conf'].changed).toBe(false);
    const ext = byName['ringside-extensions.conf'];
    expect(ext.changed).toBe(true);
    expect(ext.lines.every((l: { op: string }) => l.op === '+')).toBe(true);
    expect(ext.lines.map((l: { text: string }) => l.text)).toEqual([
      'exten => 3,1,Goto(ringside-queue-billing,s,1)',
      '',
      '[ringside-queue-billing]',
      'exten => s,1,NoOp(Ringside queue billing)',
      ' same => n,Answer()',
      ' same => n,Queue(billing,t,,,300)',
      ' same => n,NoOp(Ringside queue billing overflow ${QUEUESTATUS})',
      ' same => n,Hangup()',
    ]);
    expect(ext.draft.split('\n')[ext.lines[0].line - 1]).toBe('exten => 3,1,Goto(ringside-queue-billing,s,1)');
    const queues = byName['ringside-queues.conf'];
    expect(queues.lines.map((l: { text: string }) => l.text)).toContain('[billing](ringside-queue)');
    expect(queues.lines.every((l: { op: string }) => l.op === '+')).toBe(true);
  });

  it('publishing the change makes key 3 land in billing on the running switch', async () => {
    expect((await call(['3', '1'])).landed).toEqual({ kind: 'queue', queue: 'support' });
    const r = await as('admin2', 'POST', '/publish', { comment: 'billing line' });
    expect(r.status).toBe(201);
    expect(r.body.version).toMatchObject({ number: 2, author: 'Bo Admin', applyStatus: 'applied', live: true });
    expect((await call(['3'])).landed).toEqual({ kind: 'queue', queue: 'billing' });
  });

  it('rollback to version 1 makes a new version 3 with the same content, and the switch routes as before', async () => {
    const r = await as('admin', 'POST', '/versions/1/rollback', { comment: 'billing is not staffed yet' });
    expect(r.status).toBe(201);
    expect(r.body.version).toMatchObject({ number: 3, applyStatus: 'applied', live: true, comment: 'billing is not staffed yet' });
    const [v1, v3] = await Promise.all([1, 3].map((n) => rig.database.db.query.dialplanVersions.findFirst({ where: (t, { eq }) => eq(t.number, n) })));
    expect(v3!.files).toEqual(v1!.files);
    expect(v3!.plan).toEqual(v1!.plan);
    const outcome = await call(['3', '2']);
    expect(outcome).toMatchObject({ landed: { kind: 'queue', queue: 'sales' }, prompts: 2 });
    const draft = (await as('admin', 'GET', '/draft')).body;
    expect(draft).toMatchObject({ basedOnVersion: 3 });
    expect(draft.draft.queues.map((q: { name: string }) => q.name)).toEqual(['support', 'sales']);
    const versions = (await as('admin', 'GET', '/versions')).body.items;
    expect(versions.map((v: { number: number; live: boolean }) => [v.number, v.live])).toEqual([[3, true], [2, false], [1, false]]);
    expect((await as('admin', 'POST', '/versions/9/rollback', { comment: 'x' })).status).toBe(404);
  });

  it('two admins publishing at once cannot interleave: one gets 201, the other 409', async () => {
    expect((await as('admin', 'PUT', '/draft', { plan: withBilling() })).status).toBe(200);
    const replies = await Promise.all([as('admin', 'POST', '/publish', { comment: 'mine' }), as('admin2', 'POST', '/publish', { comment: 'mine too' })]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('CONFLICT');
    const versions = (await as('admin', 'GET', '/versions')).body.items;
    expect(versions.map((v: { number: number }) => v.number)).toEqual([4, 3, 2, 1]);
  });

  it('a published version cannot be changed or deleted, even by hand', async () => {
    await expect(rig.database.db.execute(sql.raw("update dialplan_versions set comment = 'rewritten' where number = 1"))).rejects.toThrow();
    await expect(rig.database.db.execute(sql.raw('delete from dialplan_versions where number = 1'))).rejects.toThrow();
  });

  it('when the switch is unreachable the publish is recorded as failed and the previous files are back on disk', async () => {
    const before = await rig.snapshotConfigDir();
    expect(Object.keys(before)).toContain('run/ringside/asterisk/pjsip-auth.conf');
    await rig.stopSwitch();
    const plan = withBilling();
    plan.queues[2]!.members.push({ extension: '1002', penalty: 1, membership: 'static' });
    expect((await as('admin', 'PUT', '/draft', { plan })).status).toBe(200);
    const r = await as('admin', 'POST', '/publish', { comment: 'while the switch is down' });
    expect(r.status).toBe(201);
    expect(r.body.version).toMatchObject({ number: 5, applyStatus: 'failed', live: false });
    expect(r.body.version.applyError).toMatch(/PBX_UNAVAILABLE/);
    expect(await rig.snapshotConfigDir()).toEqual(before);
    const versions = (await as('admin', 'GET', '/versions')).body.items;
    expect(versions.slice(0, 2).map((v: { number: number; live: boolean; applyStatus: string }) => [v.number, v.applyStatus, v.live])).toEqual([
      [5, 'failed', false],
      [4, 'applied', true],
    ]);
    expect((await as('admin', 'GET', '/draft')).body.basedOnVersion).toBe(4);
  });

  it('only admins reach the dial plan: a supervisor and an agent get 403, nobody signed in 401', async () => {
    for (const who of ['supervisor', 'agent'] as const) {
      for (const [method, path] of [['GET', '/draft'], ['PUT', '/draft'], ['GET', '/diff'], ['POST', '/publish'], ['GET', '/versions'], ['POST', '/versions/1/rollback']] as const) {
        const r = await as(who, method, path, method === 'GET' ? undefined : { comment: 'x', plan: demoDialPlan });
        expect([who, method, path, r.status]).toEqual([who, method, path, 403]);
      }
    }
    expect((await api(rig.url, '/api/dialplan/draft')).status).toBe(401);
  });
});
