import { RingsideError, normalisePhone, type TransferTarget } from '@ringside/shared';

// Defence in depth: the command schemas already allow-list every field, but these strings end
// up in AMI headers and application arguments (`,` splits ChanSpy options, `${` expands, CR/LF
// starts a new header), so the adapter checks each one again right before it is sent.

function refuse(path: string, message: string): never {
  throw new RingsideError('INVALID_INPUT', `${path} ${message}`, [{ path, message }]);
}

/** A full channel name: `PJSIP/1001-0000000d`, `Local/1002@agents-00000000;1`. */
export function checkChannel(value: string, path = 'channel'): string {
  if (!/^[A-Za-z][A-Za-z0-9]{0,15}\/[A-Za-z0-9_.@+*#-]{1,120}(;[12])?$/.test(value)) refuse(path, 'must be a channel name like PJSIP/1001-00000002');
  return value;
}

/** A device: `PJSIP/1001`. */
export function checkEndpoint(value: string, path = 'endpoint'): string {
  if (!/^[A-Za-z][A-Za-z0-9]{0,15}\/[A-Za-z0-9_.@+-]{1,80}$/.test(value)) refuse(path, 'must be an endpoint like PJSIP/1001');
  return value;
}

/** An extension in a dial-plan context. */
export function checkExtension(value: string, path = 'extension'): string {
  if (!/^\+?[0-9*#]{1,32}$/.test(value)) refuse(path, 'must be 1-32 of 0-9 * # (a leading + allowed)');
  return value;
}

/** A dial-plan context name. */
export function checkContext(value: string, path = 'context'): string {
  if (!/^[A-Za-z0-9_-]{1,79}$/.test(value)) refuse(path, 'must be 1-79 of A-Z a-z 0-9 _ -');
  return value;
}

/** A queue name. */
export function checkQueue(value: string, path = 'queue'): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) refuse(path, 'must be 1-64 of A-Z a-z 0-9 _ -');
  return value;
}

/** DTMF digits. */
export function checkDigits(value: string, path = 'digits'): string {
  if (!/^[0-9*#ABCD]{1,32}$/.test(value)) refuse(path, 'must be 1-32 of 0-9 * # A B C D');
  return value;
}

/** A pause reason or member name: letters, digits, spaces and `_ . / -`, no `,` `|` `${`. */
export function checkLabel(value: string, path: string): string {
  if (!/^[\p{L}\p{N}][\p{L}\p{N} _./-]{0,39}$/u.test(value)) refuse(path, 'must be 1-40 letters, digits, spaces or _ . / -');
  return value;
}

/** A recording file name; the folder is the switch's, never the caller's. */
export function checkFileName(value: string, path = 'file'): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(value) || value.includes('..')) refuse(path, 'must be a file name of A-Z a-z 0-9 _ . -');
  return value;
}

/** A number to dial: a short internal extension as is, anything else normalised to E.164. */
export function dialableNumber(raw: string, defaultCountry: string, path = 'number'): string {
  const trimmed = raw.trim();
  if (/^[0-9*#]{1,6}$/.test(trimmed)) return trimmed;
  if (!/^\+?[0-9 ().-]{1,31}$/.test(trimmed)) refuse(path, 'must contain only a leading +, digits, spaces and ( ) - .');
  const n = normalisePhone(trimmed, defaultCountry);
  if (!n.ok) refuse(path, `is not a dialable number (${n.reason.toLowerCase()})`);
  return checkExtension(n.e164, path);
}

/** Where a transfer target lands in the dial plan. */
export interface DialTarget {
  context: string;
  exten: string;
}

/** How queue and external targets reach the dial plan. */
export interface TargetPlan {
  agentsContext: string;
  /** The extension in the agents context that enters each queue (`support` → `*1`). */
  queueExtensions: Record<string, string>;
  defaultCountry: string;
}

/** Resolves a transfer target to context and extension, checking every piece. */
export function dialTargetOf(target: TransferTarget, plan: TargetPlan): DialTarget {
  const context = checkContext(plan.agentsContext, 'agentsContext');
  switch (target.kind) {
    case 'extension':
      return { context, exten: checkExtension(target.extension, 'target.extension') };
    case 'queue': {
      const queue = checkQueue(target.queue, 'target.queue');
      const exten = Object.prototype.hasOwnProperty.call(plan.queueExtensions, queue) ? plan.queueExtensions[queue] : undefined;
      if (exten === undefined) refuse('target.queue', `has no extension in context ${context}`);
      return { context, exten: checkExtension(exten, 'target.queue') };
    }
    case 'external':
      return { context, exten: dialableNumber(target.number, plan.defaultCountry, 'target.number') };
    default:
      return refuse('target', 'must be an extension, a queue or an external number');
  }
}
