import type { Channel } from '../../engine/channel.js';
import type { StasisControl } from '../ari-core.js';
import { AriError, pathParam, query, type AriRequest, type ErrorSpec, type ParamSpec } from '../route-table.js';

export const channelIdParam = pathParam('channelId', "Channel's id");

/** The errors every channel-control operation documents. */
export const CONTROL_ERRORS: ErrorSpec[] = [
  { code: 404, reason: 'Channel not found' },
  { code: 409, reason: 'Channel not in a Stasis application' },
  { code: 412, reason: 'Channel in invalid state' },
];

/** A live channel by uniqueid (ARI looks channels up by id or name). */
export function findChannel(req: AriRequest, id: string | undefined): Channel | undefined {
  if (!id) return undefined;
  const ch = req.core.engine.findChannel(id);
  return ch && !ch.gone ? ch : undefined;
}

/** find_control: 404 when there is no such channel, 409 when it is not in Stasis. */
export function requireControl(req: AriRequest): StasisControl {
  const id = req.str('channelId');
  const ch = findChannel(req, id);
  if (!ch) throw new AriError(404, 'Channel not found');
  const control = req.core.controls.get(ch.id);
  if (!control) throw new AriError(409, 'Channel not in Stasis application');
  return control;
}

/** channel_state_invalid: outbound channels not yet answered cannot be manipulated (412). */
export function requireControllable(req: AriRequest): StasisControl {
  const control = requireControl(req);
  const s = control.ch.state;
  if (s === 0 || s === 1 || s === 5) throw new AriError(412, 'Channel in invalid state');
  return control;
}

/** The originate parameters after `channelId` (shared by POST /channels and /channels/{id}). */
export function originateParams(withChannelIdQuery: boolean): ParamSpec[] {
  const p: ParamSpec[] = [
    query('endpoint', 'string', 'Endpoint to call.', { required: true }),
    query('extension', 'string', 'The extension to dial after the endpoint answers. Mutually exclusive with app.'),
    query('context', 'string', "The context to dial after the endpoint answers; 'default' when omitted."),
    query('priority', 'long', 'The priority to dial after the endpoint answers; 1 when omitted.'),
    query('label', 'string', 'The label to dial after the endpoint answers; supersedes priority.'),
    query('app', 'string', 'The Stasis application the answered channel enters; subscribed to it at once.'),
    query('appArgs', 'string', 'Arguments passed to the Stasis application.'),
    query('callerId', 'string', 'CallerID to use when dialing the endpoint or extension.'),
    query('timeout', 'int', 'Seconds to wait for an answer, or -1 for no timeout.', { defaultValue: 30 }),
    { name: 'variables', description: 'Body object whose "variables" key holds channel variables to set on creation; other keys act as query parameters.', paramType: 'body', required: false, allowMultiple: false, dataType: 'containers' },
  ];
  if (withChannelIdQuery) p.push(query('channelId', 'string', 'The unique id to assign the channel on creation.'));
  p.push(
    query('otherChannelId', 'string', 'The unique id to assign the second channel when using local channels.'),
    query('originator', 'string', 'The unique id of the channel which is originating this one.'),
    query('formats', 'string', 'Format names to offer when there is no originator, e.g. "ulaw,slin16".'),
  );
  return p;
}

/** Channel variables from an originate body: strings, or `{value, report_events}` objects. */
export function bodyVariables(req: AriRequest): [string, string][] {
  const vars = req.variables();
  if (!vars) return [];
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(vars)) {
    if (typeof v === 'string') out.push([k, v]);
    else if (v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string') out.push([k, (v as { value: string }).value]);
    else throw new AriError(400, `Invalid variable value for '${k}'`);
  }
  return out;
}

const HANGUP_REASONS: Record<string, number> = {
  normal: 16,
  busy: 17,
  congestion: 34,
  no_answer: 19,
  timeout: 18,
  rejected: 21,
  unallocated: 1,
  normal_unspecified: 31,
  number_incomplete: 28,
  codec_mismatch: 58,
  interworking: 127,
  failure: 38,
  answered_elsewhere: 26,
};

export const HANGUP_REASON_NAMES = Object.keys(HANGUP_REASONS);

/** DELETE /channels/{id}'s reason / reason_code, with Asterisk's 400s. */
export function hangupCause(req: AriRequest): number {
  const reason = req.str('reason');
  const code = req.str('reason_code');
  if (reason && code) throw new AriError(400, "The reason and reason_code can't both be specified");
  if (code) {
    const n = /^\s*[+-]?\d+/.exec(code);
    if (!n) throw new AriError(400, 'Invalid reason for hangup reason code provided');
    return Number(n[0]);
  }
  if (reason) {
    const c = HANGUP_REASONS[reason];
    if (c === undefined) throw new AriError(400, 'Invalid reason for hangup reason provided');
    return c;
  }
  return 16;
}
