import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { demoDialPlan } from '@ringside/shared';
import { DEMO_CALLERS, postgresTestDatabase, type TestDatabase } from '@ringside/server';
import { renderConfigFolder } from '../support/call-flow.js';
import { SimControl, type PlacedCall } from '../support/cti-rig.js';
import { NodeProcess, PBX_SIM_CLI, SERVER_MAIN, eventually, freePort } from '../support/processes.js';

// Why these fail on a main without the durable-call work: there the interaction was written only
// when the call ended, by the process that saw it end. While the call is answered there is no row
// at all (the first "one open row" assertion fails), and after kill -9 nobody ever writes one: with
// pbx-sim in its own process the restarted server sees the hang-up of a call it never saw answered,
// embedded the call dies with the process and leaves nothing behind.

jest.setTimeout(60_000);

interface Row {
  leg_id: string;
  status: 'open' | 'completed';
  closed_by: 'call' | 'recovery' | null;
  talk_seconds: number;
  answered_at: Date | null;
  ended_at: Date | null;
}

const CALLER = DEMO_CALLERS.aliceJohnson;
const READY = /Ringside is running at (http:\/\/\S+)/;

describe('kill -9 of the server during an answered call', () => {
  let handle: TestDatabase;
  let client: pg.Client;
  let dataDir: string;
  const processes: NodeProcess[] = [];

  // The demo seed writes completed interactions of its own; the test's call is told by its linkedid.
  const rows = async (call: PlacedCall): Promise<Row[]> =>
    (await client.query<Row>('SELECT leg_id, status, closed_by, talk_seconds, answered_at, ended_at FROM interactions WHERE linkedid = $1 ORDER BY offered_at', [call.linkedid])).rows;
  const rowsWhen = (call: PlacedCall, what: string, ok: (r: Row[]) => boolean) =>
    eventually(what, async () => {
      const r = await rows(call);
      return ok(r) ? r : undefined;
    });
  const openRows = async (): Promise<number> => (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM interactions WHERE status = 'open'")).rows[0]!.n;

  const startServer = async (label: string, env: Record<string, string>): Promise<NodeProcess> => {
    const server = new NodeProcess(label, SERVER_MAIN, [], {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: handle.url!,
      CONSOLE_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    });
    processes.push(server);
    await server.waitFor(READY, 40_000);
    return server;
  };

  /**
   * A caller dials the support queue (1001 is a static member there) and agent 1001 picks up after
   * ringing a while: the switch reports only when a channel began, so the ringing must not count as talk.
   */
  const answeredCall = async (sim: SimControl): Promise<{ caller: PlacedCall; answeredAt: number }> => {
    const caller = await sim.placeCall({ exten: '5001', callerNum: CALLER, patienceMs: 600_000, talkMs: 600_000 });
    await eventually('agent 1001 ringing', async () => ((await sim.endpoints()).find((e) => e.name === '1001')?.state === 'RINGING' ? true : undefined));
    await new Promise((r) => setTimeout(r, 3000));
    await sim.answerPhone('1001');
    return { caller, answeredAt: Date.now() };
  };

  beforeEach(async () => {
    handle = postgresTestDatabase();
    await (await handle.open()).close();
    client = new pg.Client({ connectionString: handle.url! });
    await client.connect();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-crash-'));
  });

  afterEach(async () => {
    for (const p of processes.splice(0)) await p.stop();
    await client.end();
    await handle.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('with pbx-sim in its own process, the call survives the crash and its one row is completed by the call', async () => {
    const configDir = path.join(dataDir, 'asterisk');
    await renderConfigFolder(configDir, demoDialPlan);
    const switchProcess = new NodeProcess('pbx-sim', PBX_SIM_CLI, ['--ami-port', '0', '--http-port', '0', '--control-port', '0', '--config-dir', configDir, '--auto-answer-ms', 'off', '--quiet'], {});
    processes.push(switchProcess);
    const [, ami, http, control] = await switchProcess.waitFor(/AMI 127\.0\.0\.1:(\d+).*HTTP 127\.0\.0\.1:(\d+), control API 127\.0\.0\.1:(\d+)/);
    const sim = new SimControl(`http://127.0.0.1:${control}`);
    const env = { PBX_MODE: 'asterisk', AMI_PORT: ami!, AMI_SECRET: 'cti-secret', ARI_URL: `http://127.0.0.1:${http}`, ARI_PASSWORD: 'cti-secret', PBX_CONFIG_DIR: configDir };

    const first = await startServer('server', env);
    await first.waitFor(/"message":"CTI resync"/);
    const { caller, answeredAt } = await answeredCall(sim);
    const [open] = await rowsWhen(caller, 'the answered call written open', (r) => r.length === 1 && r[0]!.status === 'open');
    // Talk before the crash too, so a talk time counted from the restart would be visibly short.
    await new Promise((r) => setTimeout(r, 2000));

    await first.kill9();
    expect((await sim.calls()).map((c) => c.linkedid)).toContain(caller.linkedid);

    const second = await startServer('restarted server', env);
    await second.waitFor(/open interactions reconciled with the switch","continued":1,"closed":0/);
    expect(await rows(caller)).toMatchObject([{ leg_id: open!.leg_id, status: 'open', closed_by: null }]);

    await new Promise((r) => setTimeout(r, 3000));
    await sim.hangUp(caller.channel);
    const hungUpAt = Date.now();
    const [done] = await rowsWhen(caller, 'the call completed', (r) => r.every((x) => x.status === 'completed'));
    expect(await rows(caller)).toHaveLength(1);
    expect(done).toMatchObject({ leg_id: open!.leg_id, status: 'completed', closed_by: 'call' });
    const talk = (hungUpAt - answeredAt) / 1000;
    expect(done!.talk_seconds).toBeGreaterThanOrEqual(Math.floor(talk) - 1);
    expect(done!.talk_seconds).toBeLessThanOrEqual(Math.ceil(talk) + 1);
    expect(await openRows()).toBe(0);
  });

  it('embedded, the call dies with the server and its one row is closed by recovery on restart', async () => {
    const env = { PBX_MODE: 'simulated', SIM_CONTROL_PORT: String(await freePort()), SIM_CALLS_PER_SECOND: '0', SIM_AUTO_ANSWER_MS: '0' };
    const first = await startServer('server', env);
    const sim = new SimControl(`http://127.0.0.1:${env.SIM_CONTROL_PORT}`);
    await first.waitFor(/"message":"CTI resync"/);
    const { caller } = await answeredCall(sim);
    const [open] = await rowsWhen(caller, 'the answered call written open', (r) => r.length === 1 && r[0]!.status === 'open');

    await first.kill9();
    const second = await startServer('restarted server', env);
    await second.waitFor(/open interactions reconciled with the switch","continued":0,"closed":1/);

    const after = await rows(caller);
    expect(after).toMatchObject([{ leg_id: open!.leg_id, status: 'completed', closed_by: 'recovery' }]);
    expect(after[0]!.ended_at!.getTime()).toBeGreaterThanOrEqual(after[0]!.answered_at!.getTime());
    expect(await openRows()).toBe(0);
    expect(await sim.calls()).toEqual([]);
  });
});
