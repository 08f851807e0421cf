import { describe, expect, it } from '@jest/globals';
import { COMMAND_NAMES, commandSchemas, parseInput, type CommandName } from '@ringside/shared';

const CALL = '1795349593.1';
const AGENT = '11111111-1111-4111-8111-111111111111';

// One good payload per command; every string in it is then spoiled in turn.
const good: Record<CommandName, unknown[]> = {
  hangUp: [{ callId: CALL }],
  answer: [{ callId: CALL }],
  hold: [{ callId: CALL }],
  unhold: [{ callId: CALL }],
  mute: [{ callId: CALL }],
  unmute: [{ callId: CALL }],
  sendDtmf: [{ callId: CALL, digits: '0123456789*#ABCD' }],
  blindTransfer: [
    { callId: CALL, target: { kind: 'extension', extension: '1002' } },
    { callId: CALL, target: { kind: 'queue', queue: 'sales_2-east' } },
    { callId: CALL, target: { kind: 'external', number: '+49 (30) 123-45.67' } },
  ],
  attendedTransferConsult: [{ callId: CALL, target: { kind: 'extension', extension: '*1' } }],
  attendedTransferComplete: [{ callId: CALL }],
  attendedTransferCancel: [{ callId: CALL }],
  clickToDial: [{ number: '(415) 555-2671' }, { number: '+14155552671', customerId: AGENT }],
  queueLogin: [{ queue: 'support' }],
  queueLogout: [{ queue: 'support' }],
  pause: [{ reason: 'Lunch break' }, { reason: 'Schulung/Ärzte' }],
  unpause: [{}],
  logOut: [{}],
  setDisposition: [{ callId: CALL, code: 'resolved', notes: 'Called back, fixed.\nAll good' }, { callId: CALL, code: 'no_answer' }],
  supervisorListen: [{ agentId: AGENT }],
  supervisorWhisper: [{ agentId: AGENT }],
  supervisorBarge: [{ agentId: AGENT }],
  forcePause: [{ agentId: AGENT, reason: 'Coaching' }],
  forceLogout: [{ agentId: AGENT }],
};

// What would break an AMI header, split a dial-plan argument, or expand a variable.
const poisons = ['\r\n', '\n', '\r', '\u0000', '\u001b', '\u0085', ',', '|', ';', '${EXTEN}'];

/** Paths to every string field of a payload. */
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

// Notes are free text stored through parameterised SQL and never sent to the switch: commas and
// line breaks are what notes are made of. They still refuse other control characters and `${`.
const FREE_TEXT = new Set(['notes']);

const spoiled = COMMAND_NAMES.flatMap((name) =>
  good[name].flatMap((payload) =>
    stringPaths(payload).flatMap((path) =>
      poisons
        .filter((p) => !(FREE_TEXT.has(path.at(-1) ?? '') && [',', '|', ';', '\n', '\r', '\r\n'].includes(p)))
        .flatMap((poison) => [
          { name, field: path.join('.'), poison: JSON.stringify(poison), payload: withValue(payload, path, (old) => `${old}${poison}`) },
          { name, field: path.join('.'), poison: JSON.stringify(poison), payload: withValue(payload, path, (old) => `${poison}${old}`) },
        ]),
    ),
  ),
);

describe('command schemas', () => {
  it('cover every command with a good payload here', () => {
    expect(Object.keys(good).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it.each(COMMAND_NAMES.flatMap((name) => good[name].map((payload) => ({ name, payload }))))('$name accepts good input', ({ name, payload }) => {
    expect(commandSchemas[name].safeParse(payload).success).toBe(true);
  });

  it.each(spoiled)('$name refuses $poison in $field', ({ name, payload }) => {
    expect(commandSchemas[name].safeParse(payload).success).toBe(false);
  });

  it('refuses unknown fields, so nothing unchecked rides along', () => {
    expect(commandSchemas.hangUp.safeParse({ callId: CALL, channel: 'PJSIP/1001-00000002' }).success).toBe(false);
  });

  it('refuses what looks close but is not a call id, an extension, a number or DTMF', () => {
    expect(commandSchemas.hangUp.safeParse({ callId: '1795349593' }).success).toBe(false);
    expect(commandSchemas.hangUp.safeParse({ callId: 'PJSIP/1001-00000002' }).success).toBe(false);
    expect(commandSchemas.blindTransfer.safeParse({ callId: CALL, target: { kind: 'extension', extension: '1002@agents' } }).success).toBe(false);
    expect(commandSchemas.clickToDial.safeParse({ number: '415+5552671' }).success).toBe(false);
    expect(commandSchemas.clickToDial.safeParse({ number: 'sip:evil@host' }).success).toBe(false);
    expect(commandSchemas.sendDtmf.safeParse({ callId: CALL, digits: 'w123' }).success).toBe(false);
    expect(commandSchemas.sendDtmf.safeParse({ callId: CALL, digits: '1'.repeat(33) }).success).toBe(false);
    expect(commandSchemas.pause.safeParse({ reason: 'x'.repeat(41) }).success).toBe(false);
    expect(commandSchemas.queueLogin.safeParse({ queue: 'q'.repeat(65) }).success).toBe(false);
  });

  it('reports the bad field as INVALID_INPUT through parseInput', () => {
    expect(() => parseInput(commandSchemas.queueLogin, { queue: 'support\r\nAction: Originate' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', issues: [expect.objectContaining({ path: 'queue' })] }),
    );
  });
});
