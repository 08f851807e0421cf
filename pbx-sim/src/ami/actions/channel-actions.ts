import type { AmiField } from '../ami-message.js';
import type { ActionContext, ActionDef } from '../action-context.js';
import { fail, list, ok, truthy } from '../action-context.js';
import { channelFields } from '../../engine/event-fields.js';
import { checkOriginate, originate } from '../../engine/originate.js';
import { blindTransfer, redirect } from '../../engine/transfers.js';
import { attendedTransfer } from '../../engine/attended-transfer.js';
import { playDtmf } from '../../engine/calls.js';
import { startMixMonitor, stopMixMonitor } from '../../engine/recording.js';
import type { Channel } from '../../engine/channel.js';
import { splitTopLevel } from '../../config/dialplan-loader.js';

function channelOf(ctx: ActionContext, header = 'Channel'): Channel | string {
  const name = ctx.req.get(header);
  if (!name) return header === 'Channel' ? 'No channel specified' : `No ${header} specified`;
  const ch = ctx.engine.findChannel(name);
  if (!ch || ch.gone) return 'No such channel';
  return ch;
}

const hms = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

export const channelActions: Record<string, ActionDef> = {
  Hangup: {
    write: 'system',
    run(ctx) {
      const ch = channelOf(ctx);
      if (typeof ch === 'string') return fail(ctx, ch);
      const cause = Number(ctx.req.get('Cause') ?? '');
      ctx.engine.requestHangup(ch, Number.isFinite(cause) && cause > 0 ? cause : undefined);
      return ok(ctx, 'Channel Hungup');
    },
  },
  Redirect: {
    write: 'call',
    run(ctx) {
      const ch = channelOf(ctx);
      if (typeof ch === 'string') return fail(ctx, ch === 'No channel specified' ? 'Channel not specified' : ch);
      const exten = ctx.req.get('Exten');
      if (!exten) return fail(ctx, 'Exten not specified');
      let extra: Channel | undefined;
      if (ctx.req.get('ExtraChannel')) {
        const e = channelOf(ctx, 'ExtraChannel');
        if (typeof e === 'string') return fail(ctx, 'No such channel');
        extra = e;
      }
      const context = ctx.req.get('Context') || ch.context;
      redirect(ctx.engine, ch, context, exten, ctx.req.get('Priority') ?? '1', extra);
      if (extra) {
        const ec = ctx.req.get('ExtraContext') || context;
        const ee = ctx.req.get('ExtraExten') || exten;
        if (ec !== context || ee !== exten) redirect(ctx.engine, extra, ec, ee, ctx.req.get('ExtraPriority') ?? '1');
        return ok(ctx, 'Dual Redirect successful');
      }
      return ok(ctx, 'Redirect successful');
    },
  },
  Originate: {
    write: 'originate',
    async run(ctx) {
      const channel = ctx.req.get('Channel');
      if (!channel) return fail(ctx, 'Channel not specified');
      const priority = ctx.req.get('Priority');
      if (priority && !/^\d+$/.test(priority) && !ctx.engine.lookup.resolvePriority(ctx.req.get('Context') ?? '', ctx.req.get('Exten') ?? '', priority)) {
        return fail(ctx, 'Invalid priority');
      }
      const timeout = Number(ctx.req.get('Timeout') ?? 30000);
      const variables: [string, string][] = ctx.req
        .getAll('Variable')
        .flatMap((v) => splitTopLevel(v))
        .map((v) => {
          const eq = v.indexOf('=');
          return [v.slice(0, eq).trim(), v.slice(eq + 1)] as [string, string];
        })
        .filter(([k]) => k !== '');
      const app = ctx.req.get('Application');
      // Caller-chosen uniqueids (AST_MAX_PUBLIC_UNIQUEID): the first leg, and the `;2` half of a Local channel.
      const channelId = ctx.req.get('ChannelId') ?? '';
      const otherChannelId = ctx.req.get('OtherChannelId') ?? '';
      if (channelId.length > 149 || otherChannelId.length > 149) return fail(ctx, 'Uniqueid length exceeds maximum of 149');
      const request = {
        ...(channelId !== '' ? { channelId } : {}),
        ...(otherChannelId !== '' ? { otherChannelId } : {}),
        channel,
        timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 30000,
        variables,
        ...(app ? { application: app, data: ctx.req.get('Data') ?? '' } : { context: ctx.req.get('Context') ?? 'default', exten: ctx.req.get('Exten') ?? 's', priority: priority ?? '1' }),
        ...(ctx.req.get('CallerID') !== undefined ? { callerId: ctx.req.get('CallerID')! } : {}),
        ...(ctx.req.get('Account') !== undefined ? { account: ctx.req.get('Account')! } : {}),
      };
      try {
        checkOriginate(ctx.engine, request);
      } catch (e) {
        return fail(ctx, e instanceof Error ? e.message : String(e));
      }
      if (truthy(ctx.req.get('Async'))) {
        originate(ctx.engine, { ...request, actionId: ctx.actionId ?? '' }).catch((e: unknown) => ctx.engine.log('error', `Originate failed: ${String(e)}`));
        return ok(ctx, 'Originate successfully queued');
      }
      ctx.session.releaseHeld();
      try {
        const r = await originate(ctx.engine, request);
        return r.success ? ok(ctx, 'Originate successfully queued') : fail(ctx, 'Originate failed');
      } catch (e) {
        return fail(ctx, e instanceof Error ? e.message : String(e));
      }
    },
  },
  Status: {
    write: 'system',
    run(ctx) {
      const name = ctx.req.get('Channel');
      let chans = ctx.engine.listChannels();
      if (name) {
        const ch = ctx.engine.findChannel(name);
        if (!ch || ch.gone) return fail(ctx, 'No such channel');
        chans = [ch];
      }
      const wanted = (ctx.req.get('Variables') ?? '').split(',').map((v) => v.trim()).filter(Boolean);
      const items = chans.map((ch) => {
        const f: AmiField[] = [['Privilege', 'Call'], ...channelFields(ch)];
        f.push(
          ['Type', ch.tech],
          ['DNID', ch.tech === 'PJSIP' && ch.state === 4 ? ch.exten : ''],
          ['EffectiveConnectedLineNum', ch.connectedNum || '<unknown>'],
          ['EffectiveConnectedLineName', ch.connectedName || '<unknown>'],
          ['TimeToHangup', '0'],
          ['BridgeID', ch.bridgeId ?? ''],
          ['Application', ch.appl],
          ['Data', ch.data],
          ['Nativeformats', '(ulaw)'],
          ['Readformat', 'ulaw'],
          ['Readtrans', ''],
          ['Writeformat', 'ulaw'],
          ['Writetrans', ''],
          ['Callgroup', '0'],
          ['Pickupgroup', '0'],
          ['Seconds', String(Math.floor((ctx.engine.clock.now() - ch.createdAt) / 1000))],
        );
        const all = truthy(ctx.req.get('AllVariables'));
        for (const v of wanted) f.push(['Variable', `${v}=${ch.vars.get(v) ?? ''}`]);
        if (all) for (const [k, v] of ch.vars) if (!k.startsWith('__')) f.push(['Variable', `${k}=${v}`]);
        return { event: 'Status', fields: f, actionIdLast: true };
      });
      return list(ctx, 'Channel status will follow', items, 'StatusComplete', [['Items', String(items.length)]]);
    },
  },
  CoreShowChannels: {
    write: 'system',
    run(ctx) {
      const items = ctx.engine.listChannels().map((ch) => ({
        event: 'CoreShowChannel',
        fields: [...channelFields(ch), ['Application', ch.appl], ['ApplicationData', ch.data], ['Duration', hms(ctx.engine.clock.now() - ch.createdAt)], ['BridgeId', ch.bridgeId ?? '']] as AmiField[],
      }));
      return list(ctx, 'Channels will follow', items, 'CoreShowChannelsComplete');
    },
  },
  PlayDTMF: {
    write: 'call',
    run(ctx) {
      const ch = channelOf(ctx);
      if (typeof ch === 'string') return fail(ctx, ch === 'No channel specified' ? 'Channel not specified' : 'Channel not found');
      const digit = ctx.req.get('Digit');
      if (!digit) return fail(ctx, 'No digit specified');
      playDtmf(ctx.engine, ch, digit.slice(0, 1), Number(ctx.req.get('Duration') ?? 250) || 250);
      return ok(ctx, 'DTMF successfully queued');
    },
  },
  BlindTransfer: {
    write: 'call',
    run(ctx) {
      const ch = channelOf(ctx);
      if (typeof ch === 'string') return fail(ctx, ch);
      const exten = ctx.req.get('Exten');
      if (!exten) return fail(ctx, 'No extension specified');
      blindTransfer(ctx.engine, ch, exten, ctx.req.get('Context'));
      return ok(ctx, 'Transfer succeeded');
    },
  },
  Atxfer: {
    write: 'call',
    run(ctx) {
      const ch = channelOf(ctx);
      if (typeof ch === 'string') return fail(ctx, ch);
      const exten = ctx.req.get('Exten');
      if (!exten) return fail(ctx, 'No extension specified');
      attendedTransfer(ctx.engine, ch, exten, ctx.req.get('Context') || ch.context);
      return ok(ctx, 'Atxfer successfully queued');
    },
  },
  MixMonitor: {
    write: 'system',
    run(ctx) {
      const ch = channelOf(ctx);
      if (typeof ch === 'string') return fail(ctx, ch);
      startMixMonitor(ctx.engine, ch, ctx.req.get('File') ?? `${ch.id}.wav`);
      return ok(ctx);
    },
  },
  StopMixMonitor: {
    write: 'system',
    run(ctx) {
      const ch = channelOf(ctx);
      if (typeof ch === 'string') return fail(ctx, ch);
      if (!stopMixMonitor(ctx.engine, ch)) return fail(ctx, 'Could not stop MixMonitor');
      return ok(ctx);
    },
  },
};
