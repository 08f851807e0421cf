import type { AmiField } from './ami-message.js';

/** Serialises one AMI message the way Asterisk does: `Key: Value` lines, CRLF, blank line. */
export function formatMessage(fields: readonly AmiField[]): string {
  let s = '';
  for (const [k, v] of fields) s += `${k}: ${sanitize(v)}\r\n`;
  return s + '\r\n';
}

/** Values never carry line breaks on the wire; a break would forge a header. */
function sanitize(v: string): string {
  return v.replace(/[\r\n]+/g, ' ');
}

/** A response with optional ActionID placed right after Response, as Asterisk orders it. */
export function responseFields(
  response: 'Success' | 'Error' | 'Goodbye' | 'Follows',
  actionId: string | undefined,
  rest: AmiField[] = [],
): AmiField[] {
  const f: AmiField[] = [['Response', response]];
  if (actionId !== undefined) f.push(['ActionID', actionId]);
  return f.concat(rest);
}
