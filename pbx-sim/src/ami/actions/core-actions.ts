import type { ActionDef } from '../action-context.js';
import { fail, ok } from '../action-context.js';
import { runCli } from '../cli-commands.js';
import { channelScope } from '../../engine/dialplan/scope.js';
import { assign } from '../../engine/dialplan/scope.js';
import { substitute } from '../../engine/dialplan/substitute.js';

const d2 = (n: number) => String(n).padStart(2, '0');
const date = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d2(d.getMonth() + 1)}-${d2(d.getDate())}`;
};
const time = (ms: number) => {
  const d = new Date(ms);
  return `${d2(d.getHours())}:${d2(d.getMinutes())}:${d2(d.getSeconds())}`;
};

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export const coreActions: Record<string, ActionDef> = {
  CoreSettings: {
    write: 'system',
    run: (ctx) =>
      ok(ctx, undefined, [
        ['AMIversion', '11.0.0'],
        ['AsteriskVersion', '22.10.1'],
        ['SystemName', ''],
        ['CoreMaxCalls', '0'],
        ['CoreMaxLoadAvg', '0.000000'],
        ['CoreRunUser', ''],
        ['CoreRunGroup', ''],
        ['CoreMaxFilehandles', '0'],
        ['CoreRealTimeEnabled', 'No'],
        ['CoreCDRenabled', 'Yes'],
        ['CoreHTTPenabled', 'No'],
        ['SoundsSearchCustomDir', 'No'],
      ]),
  },
  CoreStatus: {
    write: 'system',
    run(ctx) {
      const e = ctx.engine;
      return ok(ctx, undefined, [
        ['CoreStartupDate', date(e.startedAt)],
        ['CoreStartupTime', time(e.startedAt)],
        ['CoreReloadDate', date(e.reloadedAt)],
        ['CoreReloadTime', time(e.reloadedAt)],
        ['CoreCurrentCalls', String(e.listChannels().length)],
        ['CoreProcessedCalls', String(e.processedCalls)],
      ]);
    },
  },
  Command: {
    write: 'command',
    run(ctx) {
      const command = ctx.req.get('Command');
      if (!command) return fail(ctx, 'No command provided');
      let result: { ok: boolean; lines: string[] };
      try {
        result = runCli(ctx.engine, command);
      } catch (e) {
        result = { ok: false, lines: [errorText(e)] };
      }
      const head: [string, string][] = [['Response', result.ok ? 'Success' : 'Error']];
      if (ctx.actionId !== undefined) head.push(['ActionID', ctx.actionId]);
      head.push(['Message', 'Command output follows']);
      return { messages: [[...head, ...result.lines.map((l): [string, string] => ['Output', l])]] };
    },
  },
  Reload: {
    write: 'config',
    run(ctx) {
      try {
        ctx.engine.reload();
      } catch (e) {
        return fail(ctx, errorText(e));
      }
      return ok(ctx, 'Module Reloaded');
    },
  },
  ListCategories: {
    write: 'config',
    run(ctx) {
      const file = ctx.req.get('Filename') ?? '';
      const conf = ctx.engine.config.files.get(file);
      if (!conf) return fail(ctx, 'Config file not found');
      const names = [...new Set(conf.sections.filter((s) => !s.template).map((s) => s.name))];
      if (names.length === 0) return fail(ctx, 'No categories found');
      return ok(ctx, undefined, names.map((n, i): [string, string] => [`Category-${String(i).padStart(6, '0')}`, n]));
    },
  },
  Getvar: {
    write: 'call',
    run(ctx) {
      const variable = ctx.req.get('Variable');
      if (!variable) return fail(ctx, 'No variable specified');
      const chanName = ctx.req.get('Channel');
      const ch = chanName ? ctx.engine.findChannel(chanName) : undefined;
      if (chanName && (!ch || ch.gone)) return fail(ctx, 'No such channel');
      const value = substitute(`\${${variable}}`, channelScope(ctx.engine, ch));
      return ok(ctx, undefined, [['Variable', variable], ['Value', value]]);
    },
  },
  Setvar: {
    write: 'call',
    run(ctx) {
      const variable = ctx.req.get('Variable');
      if (!variable) return fail(ctx, 'No variable specified');
      const value = ctx.req.get('Value') ?? '';
      const chanName = ctx.req.get('Channel');
      const gm = /^GLOBAL\((.+)\)$/i.exec(variable);
      if (!chanName) {
        ctx.engine.setGlobal(gm ? gm[1]! : variable, value);
        return ok(ctx, 'Variable Set');
      }
      const ch = ctx.engine.findChannel(chanName);
      if (!ch || ch.gone) return fail(ctx, 'No such channel');
      if (!assign(ctx.engine, ch, variable, value)) return fail(ctx, `Variable ${variable} cannot be set by pbx-sim`);
      return ok(ctx, 'Variable Set');
    },
  },
  ListCommands: {
    write: '',
    run(ctx) {
      return ok(ctx, undefined, ctx.session.actionList().map(([name, def]): [string, string] => [name, `${name}. (Priv: ${def.write ? `${def.write},all` : '<none>'})`]));
    },
  },
};
