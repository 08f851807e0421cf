import { eq } from 'drizzle-orm';
import { answerPhone, placeInboundCall } from '@ringside/pbx-sim';
import type { CallView, RoomDelta } from '@ringside/shared';
import { interactions } from '../../db/schema.js';
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import type { CtiModuleDeps } from '../cti-module.js';
import { createCtiWorld, startCtiNode, type CtiNode, type CtiWorld } from './cti-world.js';
import { TestClient, until } from './test-client.js';

/** Generous: the machine is shared, and these waits are event-driven, never timed assertions. */
export const WAIT_MS = 15_000;

/** Helpers over one world and its current node, as the scenario tests use them. */
export class ScenarioKit {
  readonly open: TestClient[] = [];
  node!: CtiNode;

  constructor(readonly world: CtiWorld) {}

  async connect(who: keyof CtiWorld['cookies'] | string, cookie?: string): Promise<TestClient> {
    const client = await TestClient.connect(this.node.url, cookie ?? this.world.cookies[who as keyof CtiWorld['cookies']], WAIT_MS);
    this.open.push(client);
    return client;
  }

  /** A customer calls `exten` from `callerNum`; resolves with the call id (the Linkedid). */
  placeCall(exten: string, callerNum: string): string {
    return placeInboundCall(this.world.sim.engine, { exten, callerNum }).linkedid;
  }

  /** Waits until the newest view of the call the client was sent (in a delta) matches; an older view never counts. */
  callIn(client: TestClient, callId: string, match: (c: CallView) => boolean = () => true): Promise<CallView> {
    return until(
      `call ${callId} in a delta`,
      () => {
        const latest = client
          .all<RoomDelta>('delta')
          .flatMap((d) => d.changes)
          .flatMap((c) => (c.type === 'call' && c.call.callId === callId ? [c.call] : []))
          .at(-1);
        return latest && match(latest) ? latest : undefined;
      },
      WAIT_MS,
    );
  }

  removed(client: TestClient, callId: string): Promise<true> {
    return until(
      `call ${callId} removed`,
      () => client.all<RoomDelta>('delta').some((d) => d.changes.some((c) => c.type === 'call_removed' && c.callId === callId)) || undefined,
      WAIT_MS,
    );
  }

  /** Waits until the agent's phone rings for the call, picks it up on the phone, waits for connected. */
  async answeredBy(client: TestClient, callId: string, agentId: string): Promise<void> {
    await this.callIn(client, callId, (c) => c.legs.some((l) => l.agentId === agentId && l.state === 'ringing'));
    answerPhone(this.world.sim.engine, this.numberOf(agentId));
    await this.callIn(client, callId, (c) => c.status.kind === 'connected' && c.status.agent === agentId);
  }

  numberOf(agentId: string): string {
    const ids = this.world.agentIds;
    return agentId === ids.agent1 ? '1001' : agentId === ids.agent2 ? '1002' : '1003';
  }

  /** The live pbx-sim channel of an endpoint (e.g. `1003`). */
  channelOf(endpoint: string) {
    return this.world.sim.engine.listChannels().find((c) => c.tech === 'PJSIP' && c.endpoint === endpoint);
  }

  /** The interaction rows of a call, once the writer has flushed. */
  async rowsOf(callId: string, node: CtiNode = this.node) {
    await node.module.service.writer.idle();
    return this.world.database.db.select().from(interactions).where(eq(interactions.linkedid, callId));
  }

  /** Waits until `count` of the call's rows are completed (the writer may still be behind; an answered leg is open until it ends). */
  async rowsWhen(callId: string, count: number, node: CtiNode = this.node) {
    const started = Date.now();
    for (;;) {
      const rows = await this.rowsOf(callId, node);
      if (rows.filter((r) => r.status === 'completed').length >= count || Date.now() - started > WAIT_MS) return rows;
      await new Promise((r) => setTimeout(r, 50));
    }
  }


  /** Closes sockets, hangs up whatever is left, and waits for the CTI to see it. */
  async cleanUp(): Promise<void> {
    for (const c of this.open.splice(0)) c.close();
    for (const ch of this.world.sim.engine.listChannels()) this.world.sim.engine.remoteHangup(ch);
    await until('no call left', () => this.node.module.service.state().callViews().length === 0, WAIT_MS);
    await this.node.module.service.popsSettled();
  }
}

/** Starts a CTI node on the world's switch and waits until it has the switch's queue members. */
/** Whether the agent's live leg of the call is muted, as a view shows it (undefined: no such leg). */
export function agentLegMuted(call: CallView | undefined, agentId: string): boolean | undefined {
  return call?.legs.find((l) => l.agentId === agentId && l.state !== 'ended')?.muted;
}

export async function startReadyNode(kit: ScenarioKit, world: CtiWorld, agent: keyof CtiWorld['agentIds'] = 'agent3', queue = 'sales', node: Partial<CtiModuleDeps> = {}): Promise<void> {
  kit.node = await startCtiNode(world, node);
  await kit.node.ami.whenReady(WAIT_MS);
  await until('queue members from the switch', () => kit.node.module.service.state().agent(world.agentIds[agent])?.memberships.has(queue), WAIT_MS);
}

/**
 * The jest hooks of a scenario file: one world and one ready CTI node for the file, calls cleaned
 * up after each test. `ready` hands the world and kit to the file; `prepare` runs before the node starts.
 */
export function useScenario(options: {
  ready: (world: CtiWorld, kit: ScenarioKit) => void;
  prepare?: (world: CtiWorld) => Promise<void>;
  agent?: keyof CtiWorld['agentIds'];
  queue?: string;
  /** Options of the node (settings replace the world's defaults). */
  node?: Partial<CtiModuleDeps>;
}): void {
  let world: CtiWorld | undefined;
  let kit: ScenarioKit | undefined;
  beforeAll(async () => {
    world = await createCtiWorld();
    await options.prepare?.(world);
    kit = new ScenarioKit(world);
    options.ready(world, kit);
    await startReadyNode(kit, world, options.agent, options.queue, options.node);
  }, 60_000);
  afterEach(async () => {
    await kit?.cleanUp();
  });
  afterAll(async () => {
    await kit?.node?.stop();
    await world?.close();
  }, 30_000);
}
