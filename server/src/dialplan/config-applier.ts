import { mkdir } from 'node:fs/promises';
import { isRingsideError } from '@ringside/shared';
import { fields, type AmiAction, type AmiReply, type SendOptions } from '../pbx/ami/index.js';
import type { Logger } from '../logger.js';
import { readBaseFiles, readIfExists, writeAtomic } from './config-folder.js';

/** Whether the switch took a configuration; `error` says why not, for the version's history. */
export type ApplyOutcome = { ok: true } | { ok: false; error: string };

/** Puts a set of rendered files in front of the switch and makes it load them. */
export interface ConfigApplier {
  /** Never throws for a switch or disk problem: that is a failed outcome, with the old files back. */
  apply(files: Record<string, string>): Promise<ApplyOutcome>;
}

/** The part of the AMI client the applier uses (AmiClient and AmiConnection both fit). */
export interface AmiCommandSender {
  sendAction(action: AmiAction, options?: SendOptions): Promise<AmiReply>;
}

export interface FileConfigApplierOptions {
  /** The folder the switch reads its configuration from (PBX_CONFIG_DIR). */
  configDir: string;
  /** Base config copied in with every apply (pbx-config/asterisk); null writes the rendered files only. */
  baseDir: string | null;
  /** null: no switch is connected (PBX_MODE=none); every apply fails and changes nothing. */
  ami: AmiCommandSender | null;
  logger: Logger;
  /** Deadline of each AMI command. */
  timeoutMs?: number;
}

// The reloads Asterisk needs for what pbx-config renders: contexts, queues, endpoints/auth.
const RELOADS = ['dialplan reload', 'module reload app_queue.so', 'module reload res_pjsip.so'];

function message(e: unknown): string {
  if (isRingsideError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** Extensions of [ringside-inbound] and queue names the rendered files define: what the switch must then show. */
export function expectedOnSwitch(files: Record<string, string>): { inbound: string[]; queues: string[] } {
  const ext = files['ringside-extensions.conf'] ?? '';
  const section = /^\[ringside-inbound\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(ext)?.[1] ?? '';
  const inbound = [...new Set([...section.matchAll(/^exten => ([^,/]+)(?:\/[^,]*)?,1/gm)].map((m) => m[1]!))];
  const queues = [...(files['ringside-queues.conf'] ?? '').matchAll(/^\[([^\]]+)\]\(ringside-queue\)/gm)].map((m) => m[1]!);
  return { inbound, queues };
}

/**
 * Writes the files into the switch's config folder (each atomically), reloads the dial plan,
 * queues and PJSIP over AMI, then asks the switch what it now runs. On any failure the previous
 * files are put back (and reloaded, best effort) before the outcome is returned.
 */
export function createFileConfigApplier(o: FileConfigApplierOptions): ConfigApplier {
  const timeoutMs = o.timeoutMs ?? 10_000;

  async function command(text: string): Promise<string[]> {
    if (!o.ami) throw new Error('no switch is connected (PBX_MODE=none): nothing can load the configuration');
    const reply = await o.ami.sendAction({ Action: 'Command', Command: text }, { timeoutMs });
    return fields(reply.response, 'Output');
  }

  async function reloadAndCheck(files: Record<string, string>): Promise<void> {
    for (const c of RELOADS) await command(c);
    const expected = expectedOnSwitch(files);
    if (expected.inbound.length) {
      const shown = (await command('dialplan show ringside-inbound')).join('\n');
      const missing = expected.inbound.filter((x) => !shown.includes(`'${x}'`));
      if (missing.length) throw new Error(`the switch reloaded but its ringside-inbound lacks ${missing.join(', ')}`);
    }
    for (const q of expected.queues) {
      const shown = (await command(`queue show ${q}`)).join('\n');
      if (!shown.startsWith(`${q} has `)) throw new Error(`the switch reloaded but does not know queue ${q}: ${shown.split('\n')[0] ?? ''}`);
    }
  }

  return {
    async apply(rendered) {
      const files = { ...(await readBaseFiles(o.baseDir).catch(() => ({}))), ...rendered };
      const previous = new Map<string, string | null>();
      try {
        // Refuse before touching anything when nothing could load the files.
        if (!o.ami) throw new Error('no switch is connected (PBX_MODE=none): nothing can load the configuration');
        await mkdir(o.configDir, { recursive: true });
        for (const name of Object.keys(files)) previous.set(name, await readIfExists(`${o.configDir}/${name}`));
        for (const [name, text] of Object.entries(files)) await writeAtomic(o.configDir, name, text);
        await reloadAndCheck(files);
        o.logger.info('dial plan applied', { configDir: o.configDir, files: Object.keys(rendered).length });
        return { ok: true };
      } catch (e) {
        const error = message(e);
        o.logger.warn('dial plan apply failed; restoring the previous files', { error });
        await restore(previous);
        return { ok: false, error };
      }
    },
  };

  async function restore(previous: Map<string, string | null>): Promise<void> {
    if (previous.size === 0) return;
    try {
      for (const [name, text] of previous) await writeAtomic(o.configDir, name, text);
    } catch (e) {
      o.logger.error('could not restore the previous dial-plan files', { error: message(e), configDir: o.configDir });
      return;
    }
    // The switch may have loaded part of the failed set: make it read the restored files.
    for (const c of RELOADS) {
      try {
        await command(c);
      } catch {
        break;
      }
    }
  }
}
