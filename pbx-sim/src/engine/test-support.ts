import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config/load-config.js';
import { DEMO_CONFIG_DIR } from '../index.js';
import { Engine, type EngineOptions } from './engine.js';
import type { PbxEvent } from './types.js';

/** An engine on virtual time with every event recorded, for scenario tests. */
export interface TestWorld {
  engine: Engine;
  clock: ManualClock;
  events: PbxEvent[];
  logs: { level: string; message: string }[];
  /** Events named `name`, optionally filtered by a field value. */
  named(name: string, field?: string, value?: string): PbxEvent[];
  field(e: PbxEvent, key: string): string | undefined;
}

export function makeWorld(configDir = DEMO_CONFIG_DIR, options: Partial<EngineOptions> = {}): TestWorld {
  const clock = new ManualClock();
  const logs: { level: string; message: string }[] = [];
  const engine = new Engine({ config: loadConfig(configDir), clock, log: (level, message) => logs.push({ level, message }), ...options });
  const events: PbxEvent[] = [];
  engine.on((e) => events.push(e));
  const field = (e: PbxEvent, key: string) => e.fields.find(([k]) => k === key)?.[1];
  return {
    engine,
    clock,
    events,
    logs,
    field,
    named: (name, f, v) => events.filter((e) => e.name === name && (f === undefined || field(e, f) === v)),
  };
}

/** Copies the demo config into a temp folder with some files replaced, for config-variant tests. */
export function configWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pbx-sim-conf-'));
  for (const f of ['extensions.conf', 'queues.conf', 'pjsip.conf', 'pjsip-agents.conf', 'manager.conf']) {
    const src = path.join(DEMO_CONFIG_DIR, f);
    writeFileSync(path.join(dir, f), files[f] ?? readDemo(src));
  }
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

function readDemo(file: string): string {
  return readFileSync(file, 'utf8');
}
