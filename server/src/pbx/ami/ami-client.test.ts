import { afterEach, describe, expect, it } from '@jest/globals';
import { placeInboundCall, type PbxSim } from '@ringside/pbx-sim';
import { isRingsideError, type PbxConnectionState } from '@ringside/shared';
import { AmiClient, type AmiResyncSnapshot } from './ami-client.js';
import { field } from './ami-parser.js';
import { simLogin, startSim } from './testing/sim.js';
import { TcpProxy } from './testing/tcp-proxy.js';

function waitFor<T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const v = check();
      if (v !== undefined && v !== false) return resolve(v);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}

describe('the AMI client keeps a session alive', () => {
  let sim: PbxSim | undefined;
  let proxy: TcpProxy | undefined;
  let client: AmiClient | undefined;

  afterEach(async () => {
    await client?.stop();
    await proxy?.close();
    await sim?.stop();
    client = proxy = sim = undefined;
  });

  it('when pbx-sim restarts on the same port, the client reconnects, resyncs the calls it finds, and never replays what was refused meanwhile', async () => {
    sim = await startSim();
    const port = sim.amiPort;
    proxy = new TcpProxy({ host: '127.0.0.1', port });
    await proxy.listen();
    const states: PbxConnectionState[] = [];
    const snapshots: AmiResyncSnapshot[] = [];
    client = new AmiClient({ ...simLogin(proxy.port), backoff: { initialMs: 400, maxMs: 800 }, resync: (s) => void snapshots.push(s) });
    client.on('state', (s) => states.push(s));
    let resynced = 0;
    client.on('resynced', () => resynced++);
    client.start();
    await client.whenReady(5000);
    expect(snapshots[0]?.channels).toEqual([]);
    expect(snapshots[0]?.queueStatus.some((e) => e.Event === 'QueueMember' && field(e, 'Location') === 'PJSIP/1001')).toBe(true);
    expect(snapshots[0]?.queueSummary.map((e) => field(e, 'Queue')).sort()).toEqual(['sales', 'support']);

    await sim.stop();
    await waitFor('disconnected', () => client?.state() === 'disconnected', 2000);
    const refused = await client.sendAction({ Action: 'UserEvent', UserEvent: 'refused-while-down' }).catch((e: unknown) => e);
    expect(isRingsideError(refused) && refused.code).toBe('PBX_UNAVAILABLE');

    sim = await startSim(port);
    const caller = placeInboundCall(sim.engine, { exten: '5001', callerNum: '+15551230001' });
    await waitFor('second resync', () => resynced >= 2, 5000);
    const second = snapshots[1] as AmiResyncSnapshot;
    expect(second.channels.map((c) => field(c, 'Uniqueid'))).toContain(caller.id);
    expect(states).toEqual(expect.arrayContaining(['connecting', 'connected', 'disconnected']));
    expect(states.at(-1)).toBe('connected');
    expect(client.state()).toBe('connected');
    expect((await client.sendAction({ Action: 'Ping' })).response.Ping).toBe('Pong');
    expect(proxy.sentText()).not.toContain('refused-while-down');
  });

  it('live events that arrive while the resync runs are held back until the snapshot is handed over', async () => {
    sim = await startSim();
    const order: string[] = [];
    const engine = sim.engine;
    client = new AmiClient({
      ...simLogin(sim.amiPort),
      resync: async () => {
        order.push('resync');
        placeInboundCall(engine, { exten: '5001' });
        await new Promise((r) => setTimeout(r, 50));
        order.push('resync done');
      },
    });
    client.on('event', (e) => {
      if (e.Event === 'Newchannel') order.push('Newchannel');
    });
    client.start();
    await client.whenReady(5000);
    await waitFor('the held Newchannel', () => order.includes('Newchannel'), 2000);
    expect(order.slice(0, 3)).toEqual(['resync', 'resync done', 'Newchannel']);
  });

  it('a refused login is reported once and not retried in a storm', async () => {
    sim = await startSim();
    proxy = new TcpProxy({ host: '127.0.0.1', port: sim.amiPort });
    await proxy.listen();
    const problems: string[] = [];
    client = new AmiClient({ ...simLogin(proxy.port, { secret: 'wrong' }), backoff: { initialMs: 10, maxMs: 20 } });
    client.on('problem', (p) => problems.push(`${p.kind}: ${p.message}`));
    client.start();
    await waitFor('the refusal', () => problems.length > 0, 2000);
    await new Promise((r) => setTimeout(r, 500));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^auth: .*Authentication failed/);
    expect(proxy.sentText().match(/Action: Login/g)).toHaveLength(1);
    expect(client.state()).toBe('disconnected');
  });

  it('a frozen switch is detected within 2 s with the default heartbeat', async () => {
    sim = await startSim();
    proxy = new TcpProxy({ host: '127.0.0.1', port: sim.amiPort });
    await proxy.listen();
    const problems: string[] = [];
    client = new AmiClient({ ...simLogin(proxy.port), backoff: { initialMs: 5000, maxMs: 5000 } });
    client.on('problem', (p) => problems.push(p.kind));
    client.start();
    await client.whenReady(5000);
    // Let a few heartbeats pass so the freeze lands at an arbitrary point of the Ping cycle.
    await new Promise((r) => setTimeout(r, 700));
    proxy.freeze();
    await waitFor('the stale session to be dropped', () => client?.state() === 'disconnected', 2000);
    expect(problems).toContain('stale');
  });
});
