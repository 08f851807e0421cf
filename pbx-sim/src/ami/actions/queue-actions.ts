import type { AmiField } from '../ami-message.js';
import type { ActionDef } from '../action-context.js';
import { fail, list, ok, truthy } from '../action-context.js';
import type { QueueState } from '../../engine/queues/queue-model.js';
import { memberOrder } from '../../engine/queues/queue-strategy.js';

function paramsFields(q: QueueState): AmiField[] {
  return [
    ['Queue', q.name],
    ['Max', String(q.config.maxlen)],
    ['Strategy', q.config.strategy],
    ['Calls', String(q.callers.length)],
    ['Holdtime', String(q.holdtime)],
    ['TalkTime', String(q.talktime)],
    ['Completed', String(q.completed)],
    ['Abandoned', String(q.abandoned)],
    ['ServiceLevel', String(q.config.servicelevel)],
    ['ServicelevelPerf', '0.0'],
    ['ServicelevelPerf2', '0.0'],
    ['Weight', String(q.config.weight)],
  ];
}

export const queueActions: Record<string, ActionDef> = {
  QueueStatus: {
    write: '',
    run(ctx) {
      const qname = ctx.req.get('Queue');
      const member = ctx.req.get('Member');
      const items: { event: string; fields: AmiField[]; actionIdLast: boolean }[] = [];
      for (const q of ctx.engine.queues.all()) {
        if (qname && q.name !== qname) continue;
        items.push({ event: 'QueueParams', fields: paramsFields(q), actionIdLast: true });
        for (const m of memberOrder(q)) {
          if (member && m.interface !== member && m.memberName !== member) continue;
          const f = ctx.engine.queues.memberFields(q, m, false).filter(([k]) => k !== 'MemberName' && k !== 'Interface' && k !== 'Queue');
          items.push({ event: 'QueueMember', fields: [['Queue', q.name], ['Name', m.memberName], ['Location', m.interface], ...f], actionIdLast: true });
        }
        q.callers.forEach((c, i) => {
          items.push({
            event: 'QueueEntry',
            fields: [
              ['Queue', q.name],
              ['Position', String(i + 1)],
              ['Channel', c.ch.name],
              ['Uniqueid', c.ch.id],
              ['CallerIDNum', c.ch.callerNum || 'unknown'],
              ['CallerIDName', c.ch.callerName || 'unknown'],
              ['ConnectedLineNum', c.ch.connectedNum || 'unknown'],
              ['ConnectedLineName', c.ch.connectedName || 'unknown'],
              ['Wait', String(Math.floor((ctx.engine.clock.now() - c.joinedAt) / 1000))],
              ['Priority', String(c.priority)],
            ],
            actionIdLast: true,
          });
        });
      }
      return list(ctx, 'Queue status will follow', items, 'QueueStatusComplete');
    },
  },
  QueueSummary: {
    write: '',
    run(ctx) {
      const qname = ctx.req.get('Queue');
      const mgr = ctx.engine.queues;
      const now = ctx.engine.clock.now();
      const items = mgr
        .all()
        .filter((q) => !qname || q.name === qname)
        .map((q) => ({
          event: 'QueueSummary',
          fields: [
            ['Queue', q.name],
            ['LoggedIn', String(q.members.filter((m) => !['UNAVAILABLE', 'INVALID'].includes(mgr.memberDevice(m))).length)],
            ['Available', String(q.members.filter((m) => !m.paused && mgr.memberDevice(m) === 'NOT_INUSE').length)],
            ['Callers', String(q.callers.length)],
            ['HoldTime', String(q.holdtime)],
            ['TalkTime', String(q.talktime)],
            ['LongestHoldTime', String(q.callers.length ? Math.floor((now - q.callers[0]!.joinedAt) / 1000) : 0)],
          ] as AmiField[],
          actionIdLast: true,
        }));
      return list(ctx, 'Queue summary will follow', items, 'QueueSummaryComplete');
    },
  },
  QueuePause: {
    write: 'agent',
    run(ctx) {
      const iface = ctx.req.get('Interface');
      const paused = ctx.req.get('Paused');
      if (!iface || paused === undefined) return fail(ctx, "Need 'Interface' and 'Paused' parameters.");
      const p = truthy(paused);
      ctx.engine.queues.pause(ctx.req.get('Queue') || undefined, iface, p, ctx.req.get('Reason') ?? '');
      return ok(ctx, p ? 'Interface paused successfully' : 'Interface unpaused successfully');
    },
  },
  QueueAdd: {
    write: 'agent',
    run(ctx) {
      const queue = ctx.req.get('Queue');
      const iface = ctx.req.get('Interface');
      if (!queue || !iface) return fail(ctx, "'Queue' and 'Interface' not specified.");
      const penalty = ctx.req.get('Penalty');
      if (penalty !== undefined && penalty !== '' && !/^\d+$/.test(penalty)) return fail(ctx, 'Invalid penalty');
      ctx.engine.queues.add(queue, iface, {
        memberName: ctx.req.get('MemberName') ?? '',
        stateInterface: ctx.req.get('StateInterface') ?? '',
        penalty: penalty ? Number(penalty) : 0,
        paused: truthy(ctx.req.get('Paused')),
        reason: ctx.req.get('Reason') ?? '',
      });
      return ok(ctx, 'Added interface to queue');
    },
  },
  QueueRemove: {
    write: 'agent',
    run(ctx) {
      const queue = ctx.req.get('Queue');
      const iface = ctx.req.get('Interface');
      if (!queue || !iface) return fail(ctx, 'Need both Queue and Interface parameters.');
      ctx.engine.queues.remove(queue, iface);
      return ok(ctx, 'Removed interface from queue');
    },
  },
};
