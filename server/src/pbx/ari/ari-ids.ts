import { CONTROL_CHARS, RingsideError } from '@ringside/shared';

// Asterisk ids: uniqueids (`1795349684.23`), ids a client chose (`agent-leg-1`, UUIDs). Anything
// else (slashes, `?`, `%`, spaces) would change which resource a path names.
const RESOURCE_ID = /^[A-Za-z0-9._-]{1,128}$/;
// Variable names and dial-plan functions with arguments: `QUEUE_PRIO`, `CALLERID(num)`.
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]{0,79}(\([A-Za-z0-9_,.-]{0,80}\))?$/;
const DIALPLAN_NAME = /^[A-Za-z0-9_+*#.-]{1,80}$/;

/** What a string placed into an ARI path or query stands for; picks the accepted pattern. */
export type AriTextKind = 'id' | 'variable' | 'dialplan' | 'value';

function invalid(what: string, reason: string): RingsideError {
  return new RingsideError('INVALID_INPUT', `${what} ${reason}`, [{ path: what, message: reason }]);
}

/**
 * Checks a string before it goes into an ARI path or query. Control characters (CR/LF smuggling a
 * header or splitting a request) are refused for every kind; ids, variable names and dial-plan
 * names must also match what Asterisk itself accepts. Throws INVALID_INPUT, so nothing is sent.
 */
export function checkAriText(kind: AriTextKind, what: string, value: string): string {
  if (typeof value !== 'string') throw invalid(what, 'must be a string');
  if (CONTROL_CHARS.test(value)) throw invalid(what, 'must not contain control characters (CR, LF, ...)');
  if (kind === 'value') {
    if (value.length > 1024) throw invalid(what, 'must be at most 1024 characters');
    return value;
  }
  const pattern = kind === 'id' ? RESOURCE_ID : kind === 'variable' ? VARIABLE : DIALPLAN_NAME;
  if (!pattern.test(value)) throw invalid(what, `is not a valid ARI ${kind === 'id' ? 'id' : kind === 'variable' ? 'variable name' : 'dial-plan name'}: '${value.slice(0, 40)}'`);
  return value;
}

/** Checks every string of a query before it is encoded; numbers and booleans pass as they are. */
export function checkQuery(query: Readonly<Record<string, string | number | boolean | undefined>>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(key)) throw invalid('query', `has an invalid parameter name '${key.slice(0, 40)}'`);
    out.set(key, typeof value === 'string' ? checkAriText('value', key, value) : String(value));
  }
  return out;
}
