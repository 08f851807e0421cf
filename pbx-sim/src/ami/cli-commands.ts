import type { Engine } from '../engine/engine.js';
import { STATE_DESC } from '../engine/types.js';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const RELOADABLE = new Set(['pbx_config', 'app_queue', 'res_pjsip', 'chan_pjsip', 'manager', 'res_musiconhold', 'features']);

/** `dialplan show [context]` in Asterisk's layout: one line per priority with its file:line. */
function dialplanShow(engine: Engine, only: string | undefined): { ok: boolean; lines: string[] } {
  const contexts = [...engine.config.dialplan.contexts.values()].filter((ctx) => !only || ctx.name === only);
  if (only && contexts.length === 0) return { ok: false, lines: [`There is no existence of '${only}' context`] };
  const lines: string[] = [];
  let extensions = 0;
  let priorities = 0;
  for (const ctx of contexts) {
    lines.push(`[ Context '${ctx.name}' created by 'pbx_config' ]`);
    for (const ext of ctx.extensions) {
      extensions++;
      let first = true;
      const head = () => (first ? pad(`  '${ext.name}' =>`, 20) : ' '.repeat(20));
      if (ext.hint) {
        lines.push(`${head()}hint: ${ext.hint}`);
        first = false;
      }
      for (const step of [...ext.steps.values()].sort((a, b) => a.priority - b.priority)) {
        priorities++;
        const body = `${step.priority}. ${step.label ? `[${step.label}] ` : ''}${step.app}(${step.appData})`;
        lines.push(`${head()}${pad(body, 46)}[${step.file}:${step.line}]`);
        first = false;
      }
    }
    for (const inc of ctx.includes) lines.push(`  Include =>        ${pad(`'${inc}'`, 46)}[pbx_config]`);
    lines.push('');
  }
  lines.push(`-= ${extensions} extension${extensions === 1 ? '' : 's'} (${priorities} priorit${priorities === 1 ? 'y' : 'ies'}) in ${contexts.length} context${contexts.length === 1 ? '' : 's'}. =-`);
  return { ok: true, lines };
}

/** Runs a CLI command; returns its output lines, or an error line when Asterisk would refuse it. */
export function runCli(engine: Engine, command: string): { ok: boolean; lines: string[] } {
  const c = command.trim().replace(/\s+/g, ' ').toLowerCase();
  if (c === 'core show version') {
    return { ok: true, lines: ['Asterisk 22.10.1 built by pbx-sim @ ringside on a x86_64 running Linux on 2026-11-22 11:53:55 UTC'] };
  }
  if (c === 'pjsip show contacts') {
    const lines = ['', '  Contact:  <Aor/ContactUri..............................> <Hash....> <Status> <RTT(ms)..>', '=========================================================================================='.slice(0, 90), ''];
    const eps = engine.endpoints.all().filter((e) => e.contact);
    // The CLI lists static AOR contacts too, unlike PJSIPShowContacts.
    for (const e of eps) lines.push(`  Contact:  ${pad(`${e.name}/${e.contact!.uri}`, 46)} ${e.contact!.hash.slice(0, 10)} NonQual         nan`);
    lines.push('', `Objects found: ${eps.length}`, '');
    return { ok: true, lines };
  }
  if (c === 'core show channels' || c === 'core show channels concise') {
    const chans = engine.listChannels();
    if (c.endsWith('concise')) {
      return { ok: true, lines: chans.map((ch) => [ch.name, ch.context, ch.exten, ch.priority, STATE_DESC[ch.state], ch.appl, ch.data, ch.callerNum, ch.accountCode, '', '3', duration(engine.clock.now() - ch.createdAt), ch.bridgeId ?? '', ch.id].join('!')) };
    }
    const lines = ['Channel                                                          Location                         State   Application(Data)                            '];
    for (const ch of chans) lines.push(`${pad(ch.name, 64)} ${pad(`${ch.exten}@${ch.context}:${ch.priority}`, 32)} ${pad(STATE_DESC[ch.state] ?? '', 7)} ${ch.appl}(${ch.data})`);
    lines.push(`${chans.length} active channel${chans.length === 1 ? '' : 's'}`, `${chans.length > 0 ? Math.ceil(chans.length / 2) : 0} active call${chans.length === 2 ? '' : 's'}`, `${engine.processedCalls} call${engine.processedCalls === 1 ? '' : 's'} processed`);
    return { ok: true, lines };
  }
  const qm = /^queue show(?: (\S+))?$/.exec(c);
  if (qm) {
    const queues = engine.queues.all().filter((q) => !qm[1] || q.name === qm[1]);
    if (qm[1] && queues.length === 0) return { ok: true, lines: [`No such queue: ${qm[1]}.`] };
    const lines: string[] = [];
    for (const q of queues) {
      lines.push(`${q.name} has ${q.callers.length} calls (max ${q.config.maxlen || 'unlimited'}) in '${q.config.strategy}' strategy (${q.holdtime}s holdtime, ${q.talktime}s talktime), W:${q.config.weight}, C:${q.completed}, A:${q.abandoned}, SL:0.0%, SL2:0.0% within ${q.config.servicelevel}s`);
      lines.push(q.members.length ? '   Members: ' : '   No Members');
      for (const m of q.members) {
        const st = engine.queues.memberDevice(m);
        lines.push(`      ${m.memberName} (${m.interface}) with penalty ${m.penalty}${m.membership === 'dynamic' ? ' (dynamic)' : ''}${m.paused ? ` (paused${m.pausedReason ? `:${m.pausedReason}` : ''})` : ''} (${st === 'NOT_INUSE' ? 'Not in use' : st === 'INUSE' ? 'In use' : st.charAt(0) + st.slice(1).toLowerCase()}) has taken ${m.callsTaken ? m.callsTaken : 'no'} calls`);
      }
      lines.push(q.callers.length ? '   Callers: ' : '   No Callers');
      q.callers.forEach((cl, i) => lines.push(`      ${i + 1}. ${cl.ch.name} (wait: ${duration(engine.clock.now() - cl.joinedAt).slice(3)}, prio: 0)`));
      lines.push('');
    }
    return { ok: true, lines };
  }
  if (c === 'dialplan reload' || c === 'core reload' || c === 'reload' || c === 'module reload' || c === 'queue reload all' || c === 'pjsip reload') {
    engine.reload();
    return { ok: true, lines: [c === 'dialplan reload' ? 'Dialplan reloaded.' : 'Configuration reloaded.'] };
  }
  const mm = /^module reload (\S+)$/.exec(c);
  if (mm) {
    // pbx-sim reads the whole folder on any reload; an unknown module is refused as Asterisk does.
    if (!RELOADABLE.has(mm[1]!.replace(/\.so$/, ''))) return { ok: false, lines: [`The module '${mm[1]}' does not exist.`] };
    engine.reload();
    return { ok: true, lines: [`Module '${mm[1]}' reloaded successfully.`] };
  }
  const dm = /^dialplan show(?: (\S+))?$/.exec(c);
  if (dm) return dialplanShow(engine, command.trim().split(/\s+/)[2]);
  if (c === 'core show uptime') {
    return { ok: true, lines: [`System uptime: ${Math.floor((engine.clock.now() - engine.startedAt) / 1000)} seconds`, `Last reload: ${Math.floor((engine.clock.now() - engine.reloadedAt) / 1000)} seconds`] };
  }
  return { ok: false, lines: [`No such command '${command.trim()}' (type 'core show help ${command.trim()}' for other possible commands)`] };
}
