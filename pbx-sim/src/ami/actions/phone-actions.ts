import type { ActionDef } from '../action-context.js';
import { fail, ok, truthy } from '../action-context.js';
import { muteAudio, notifyPhone } from '../../engine/phone-control.js';
import { EngineError } from '../../engine/types.js';

// res_pjsip_notify's PJSIPNotify and res_mutestream's MuteAudio, with the messages those modules
// send (Asterisk 22). Variable headers become headers of the SIP NOTIFY; `Option` names a
// section of pjsip_notify.conf, of which pbx-sim ships none.

function notifyVariables(values: string[]): [string, string][] {
  return values.map((v) => {
    const eq = v.indexOf('=');
    return eq < 0 ? [v.trim(), ''] : [v.slice(0, eq).trim(), v.slice(eq + 1)];
  });
}

export const phoneActions: Record<string, ActionDef> = {
  PJSIPNotify: {
    write: 'system',
    run(ctx) {
      const endpoint = ctx.req.get('Endpoint') ?? '';
      const uri = ctx.req.get('URI') ?? '';
      const channel = ctx.req.get('Channel') ?? '';
      const variables = ctx.req.getAll('Variable').filter((v) => v !== '');
      const option = ctx.req.get('Option') ?? '';
      const given = [endpoint, uri, channel].filter((v) => v !== '').length;
      if (given > 1) return fail(ctx, "PJSIPNotify action can not handle a request specifying more than one of 'Endpoint', 'URI', or 'Channel'. You must use only one of them.");
      if (given === 0) return fail(ctx, 'PJSIPNotify requires either an endpoint name, a SIP URI, or a channel.  You must use only one of them.');
      if (variables.length > 0 && option !== '') return fail(ctx, "PJSIPNotify action can not handle a request specifying both 'Variable' and 'Option'. You must use only one of the two.");
      if (variables.length === 0 && option === '') return fail(ctx, "PJSIPNotify requires either an 'Option' or 'Variable' headers");
      if (option !== '') return fail(ctx, `Unable to find notify type '${option}'`);
      const headers = notifyVariables(variables);
      if (uri !== '') {
        // A URI NOTIFY goes to whatever phone answers there: pbx-sim knows its endpoints' contacts.
        const ep = ctx.engine.endpoints.all().find((e) => e.contact && uri.includes(e.contact.uri.replace(/^sips?:/, '')));
        if (ep) notifyPhone(ctx.engine, ep.name, headers);
        return ok(ctx, 'NOTIFY sent');
      }
      if (channel !== '') {
        const ch = ctx.engine.findChannel(channel);
        if (!ch || ch.gone || ch.tech !== 'PJSIP' || !ch.endpoint) return fail(ctx, `Channel '${channel}' not found`);
        notifyPhone(ctx.engine, ch.endpoint, headers);
        return ok(ctx, 'NOTIFY sent');
      }
      if (!ctx.engine.endpoints.get(endpoint)) return fail(ctx, `Unable to retrieve endpoint ${endpoint}`);
      notifyPhone(ctx.engine, endpoint, headers);
      return ok(ctx, 'NOTIFY sent');
    },
  },
  MuteAudio: {
    write: 'system',
    run(ctx) {
      const channel = ctx.req.get('Channel') ?? '';
      const state = ctx.req.get('State') ?? '';
      const direction = ctx.req.get('Direction') ?? '';
      if (channel === '') return fail(ctx, 'Channel not specified');
      if (state === '') return fail(ctx, 'State not specified');
      if (direction === '') return fail(ctx, 'Direction not specified');
      const ch = ctx.engine.findChannel(channel);
      if (!ch || ch.gone) return fail(ctx, 'No such channel');
      try {
        muteAudio(ch, direction, truthy(state));
      } catch (e) {
        return fail(ctx, e instanceof EngineError ? e.message : 'Failed to mute/unmute stream');
      }
      return ok(ctx);
    },
  },
};
