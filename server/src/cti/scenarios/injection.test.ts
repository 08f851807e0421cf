import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { COMMAND_NAMES, SUPERVISOR_COMMANDS, type CommandName } from '@ringside/shared';
import { createCtiWorld, startCtiNode, type CtiWorld } from '../testing/cti-world.js';
import { ScenarioKit, WAIT_MS } from '../testing/scenario-kit.js';
import type { TestClient } from '../testing/test-client.js';
import { until } from '../testing/test-client.js';

let world: CtiWorld;
let kit: ScenarioKit;
let casey: TestClient;
let sup: TestClient;
let callId: string;

beforeAll(async () => {
  world = await createCtiWorld();
  kit = new ScenarioKit(world);
  // Hundreds of refusals in a row: the flood limiter is not what this test is about.
  kit.node = await startCtiNode(world, { settings: { defaultWrapUpSeconds: 30, rateLimit: { points: 10_000, seconds: 1 } } });
  await kit.node.ami.whenReady(WAIT_MS);
  await until('queue members from the switch', () => kit.node.module.service.state().agent(world.agentIds.agent3)?.memberships.has('sales'), WAIT_MS);
  casey = await kit.connect('agent3');
  sup = await kit.connect('sup');
  callId = kit.placeCall('5002', '+14155550191');
  await kit.answeredBy(casey, callId, world.agentIds.agent3);
}, 60_000);

afterAll(async () => {
  await kit?.cleanUp();
  await kit?.node?.stop();
  await world?.close();
}, 30_000);

/** A payload each command would accept, aimed at the live call and a real agent. */
function goodPayload(name: CommandName): Record<string, unknown> {
  const agentId = world.agentIds.agent3;
  const payloads: Record<CommandName, Record<string, unknown>> = {
    hangUp: { callId },
    answer: { callId },
    hold: { callId },
    unhold: { callId },
    mute: { callId },
    unmute: { callId },
    sendDtmf: { callId, digits: '123#' },
    blindTransfer: { callId, target: { kind: 'external', number: '+1 415 555 0100' } },
    attendedTransferConsult: { callId, target: { kind: 'extension', extension: '1001' } },
    attendedTransferComplete: { callId },
    attendedTransferCancel: { callId },
    clickToDial: { number: '(415) 555-2671' },
    queueLogin: { queue: 'support' },
    queueLogout: { queue: 'support' },
    pause: { reason: 'Lunch' },
    unpause: {},
    logOut: {},
    setDisposition: { callId, code: 'resolved', notes: 'fine' },
    supervisorListen: { agentId },
    supervisorWhisper: { agentId },
    supervisorBarge: { agentId },
    forcePause: { agentId, reason: 'Coaching' },
    forceLogout: { agentId },
  };
  return payloads[name];
}

function stringPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function withValue(value: unknown, path: string[], next: (old: string) => string): unknown {
  if (path.length === 0) return next(value as string);
  const [head, ...rest] = path as [string, ...string[]];
  return { ...(value as Record<string, unknown>), [head]: withValue((value as Record<string, unknown>)[head], rest, next) };
}

const MARK = 'X-Injected: yes';
const POISONS = [`\r\n${MARK}`, `\n${MARK}`, `\r${MARK}`, `\u0000${MARK}`, `\u001b${MARK}`, `\u0007${MARK}`];
// Notes are free text kept in the database (never sent to the switch): line breaks belong there.
const LINE_BREAKS_ALLOWED = new Set(['notes']);

describe('control characters in commands', () => {
  it('every command refuses a field with CR, LF or a control character as INVALID_INPUT, and not one byte of it reaches AMI', async () => {
    const before = kit.node.proxy.sentText().length;
    let tried = 0;
    for (const name of COMMAND_NAMES) {
      const client = (SUPERVISOR_COMMANDS as readonly string[]).includes(name) ? sup : casey;
      const good = goodPayload(name);
      for (const path of stringPaths(good)) {
        for (const poison of POISONS) {
          if (LINE_BREAKS_ALLOWED.has(path.at(-1) ?? '') && (poison.startsWith('\r') || poison.startsWith('\n'))) continue;
          const ack = await client.command(name, withValue(good, path, (old) => `${old}${poison}`));
          expect({ name, field: path.join('.'), poison: JSON.stringify(poison), ack }).toMatchObject({ ack: { ok: false, error: { code: 'INVALID_INPUT' } } });
          tried += 1;
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
    const sent = kit.node.proxy.sentText().slice(before);
    expect(sent).not.toContain('X-Injected');
    // Only the connection's own heartbeat may have gone out meanwhile.
    const actions = [...sent.matchAll(/^Action: (\S+)\r$/gm)].map((m) => m[1]);
    expect(actions.filter((a) => a !== 'Ping')).toEqual([]);
    // The call is untouched.
    expect(kit.node.module.service.state().call(callId)?.status).toEqual({ kind: 'connected', agent: world.agentIds.agent3 });
  });
});
