import { RingsideError } from '@ringside/shared';

/** An action to send: `Action` plus headers; an array value sends the header once per element (`Variable`). */
export interface AmiAction {
  Action: string;
  [header: string]: string | number | boolean | readonly string[] | undefined;
}

// Header names Asterisk knows are letters, digits, `-` and `_`; anything else is a mistake or an attack.
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
// Any C0 control (CR and LF end a header and start a new one), DEL or C1.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Asterisk reads at most 1024 bytes a line; longer values would be cut there, silently. */
const MAX_LINE = 1000;

function invalid(path: string, message: string): RingsideError {
  return new RingsideError('INVALID_INPUT', `AMI ${path}: ${message}`, [{ path, message }]);
}

function valueText(key: string, value: string | number | boolean): string {
  const text = typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  if (typeof value === 'number' && !Number.isFinite(value)) throw invalid(key, 'must be a finite number');
  if (CONTROL.test(text)) throw invalid(key, 'must not contain control characters (CR, LF, ...)');
  if (key.length + 2 + Buffer.byteLength(text) > MAX_LINE) throw invalid(key, `header line longer than ${MAX_LINE} bytes`);
  return text;
}

/**
 * Renders an action as wire text with the given ActionID, after checking every header name and
 * value. Throws INVALID_INPUT (and renders nothing) if any would break the framing.
 */
export function renderAction(action: AmiAction, actionId: string): string {
  const name = action.Action;
  if (typeof name !== 'string' || !HEADER_NAME.test(name)) throw invalid('Action', 'must be an action name');
  let out = `Action: ${name}\r\nActionID: ${valueText('ActionID', actionId)}\r\n`;
  for (const key of Object.keys(action)) {
    if (key === 'Action') continue;
    if (!HEADER_NAME.test(key)) throw invalid(key, 'is not a valid header name');
    if (key.toLowerCase() === 'actionid') throw invalid(key, 'is set by the connection');
    const value = action[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const v of value as readonly unknown[]) {
        if (typeof v !== 'string') throw invalid(key, 'must be a list of strings');
        out += `${key}: ${valueText(key, v)}\r\n`;
      }
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out += `${key}: ${valueText(key, value)}\r\n`;
    } else {
      throw invalid(key, 'must be a string, number, boolean or list of strings');
    }
  }
  return `${out}\r\n`;
}
