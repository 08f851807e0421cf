import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/repo.js';

const run = promisify(execFile);

/**
 * Builds the softphone harness (harness/main.js around the console's real JsSIP driver) with the
 * console's own Vite into a temp dir, and returns that dir.
 */
export async function buildHarness(): Promise<string> {
  const vite = path.join(repoRoot, 'agent-console', 'node_modules', '.bin', 'vite');
  const fallback = path.join(repoRoot, 'node_modules', '.bin', 'vite');
  const bin = existsSync(vite) ? vite : fallback;
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-sip-harness-'));
  const config = path.join(repoRoot, 'test', 'src', 'sip', 'harness', 'vite.config.mjs');
  await run(bin, ['build', '--config', config, '--outDir', outDir], { cwd: repoRoot });
  return outDir;
}
