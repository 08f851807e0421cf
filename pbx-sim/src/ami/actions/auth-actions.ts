import { createHash, randomInt } from 'node:crypto';
import { aclAllows } from '../../config/manager-loader.js';
import type { ActionDef } from '../action-context.js';
import { fail, goodbye, ok } from '../action-context.js';
import { EVENT_CLASSES } from '../ami-session.js';
import { failedAcl, invalidAccount, invalidPassword, successfulAuth } from '../security-events.js';

/** Parses `Events:`/`EventMask:` (on, off, or a class list) into a mask. */
function parseMask(v: string | undefined): Set<string> | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (/^(on|yes|true|1)$/.test(t)) return new Set(['all']);
  if (/^(off|no|false|0)$/.test(t)) return new Set();
  const classes = t.split(',').map((x) => x.trim()).filter((x) => EVENT_CLASSES.includes(x) || x === 'all');
  return new Set(classes);
}

export const authActions: Record<string, ActionDef> = {
  Login: {
    write: '',
    run(ctx) {
      const { req, session, engine } = ctx;
      if (session.authenticated) return ok(ctx, 'Already authenticated');
      const username = req.get('Username') ?? '';
      const user = engine.config.amiUsers.find((u) => u.username === username);
      const now = engine.clock.now();
      const denied = () => ({ ...fail(ctx, 'Authentication failed'), close: true });
      if (!user) {
        engine.emit('InvalidAccountID', 'security,all', invalidAccount(now, session.address, username));
        return denied();
      }
      if (!aclAllows(user, session.socket.remoteAddress ?? '127.0.0.1')) {
        engine.emit('FailedACL', 'security,all', failedAcl(now, session.address, username));
        return denied();
      }
      const authType = (req.get('AuthType') ?? '').toLowerCase();
      let good: boolean;
      if (authType === 'md5') {
        const expected = createHash('md5').update(`${session.challenge ?? ''}${user.secret}`).digest('hex');
        good = session.challenge !== undefined && (req.get('Key') ?? '').toLowerCase() === expected;
      } else good = req.get('Secret') === user.secret;
      if (!good) {
        engine.emit('InvalidPassword', 'security,all', invalidPassword(now, session.address, username));
        return denied();
      }
      session.user = user;
      const mask = parseMask(req.get('Events'));
      if (mask) session.eventMask = mask;
      const reply = ok(ctx, 'Authentication accepted');
      if (session.eventMask.has('all') || session.eventMask.has('system')) {
        const up = (t: number) => String(Math.floor((now - t) / 1000));
        reply.messages.push([['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', up(engine.startedAt)], ['LastReload', up(engine.reloadedAt)], ['Status', 'Fully Booted']]);
      }
      engine.emit('SuccessfulAuth', 'security,all', successfulAuth(now, session.address, username));
      return reply;
    },
  },
  Challenge: {
    write: '',
    run(ctx) {
      if ((ctx.req.get('AuthType') ?? '').toLowerCase() !== 'md5') return fail(ctx, 'Must specify AuthType');
      ctx.session.challenge = String(randomInt(100000000, 999999999));
      return ok(ctx, undefined, [['Challenge', ctx.session.challenge]]);
    },
  },
  Logoff: {
    write: '',
    run: (ctx) => goodbye(ctx),
  },
  Ping: {
    write: '',
    run(ctx) {
      const now = ctx.engine.clock.now();
      const us = String((now % 1000) * 1000).padStart(6, '0');
      return ok(ctx, undefined, [['Ping', 'Pong'], ['Timestamp', `${Math.floor(now / 1000)}.${us}`]]);
    },
  },
  Events: {
    write: '',
    run(ctx) {
      const mask = parseMask(ctx.req.get('EventMask'));
      if (!mask) return fail(ctx, 'Invalid EventMask');
      ctx.session.eventMask = mask;
      return ok(ctx, undefined, [['Events', mask.size === 0 ? 'Off' : 'On']]);
    },
  },
};
