import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo.js';

// Unit tests and their fixtures do not end up in the bundle, so editing them needs no rebuild.
const NOT_BUNDLED = /\.test\.tsx?$|[\\/]test-support[\\/]/;

/** The newest modification time of the files the console bundle is built from. */
function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (!NOT_BUNDLED.test(full)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The built console the server serves; (re)built here when dist is missing or older than any
 * console source or shared contract, so a test never runs yesterday's bundle. The build runs
 * under a lock because several test files (and other developers) may ask at once.
 */
export function ensureConsoleBuilt(): string {
  const consoleRoot = path.join(repoRoot, 'agent-console');
  const dir = path.join(consoleRoot, 'dist');
  const index = path.join(dir, 'index.html');
  const stale = () => {
    if (!existsSync(index)) return true;
    const built = statSync(index).mtimeMs;
    const sources = [path.join(consoleRoot, 'src'), path.join(repoRoot, 'shared', 'src')];
    const extra = ['index.html', 'vite.config.ts'].map((f) => path.join(consoleRoot, f)).filter((f) => existsSync(f));
    return Math.max(...sources.map(newestSourceMtime), ...extra.map((f) => statSync(f).mtimeMs)) > built;
  };
  if (stale()) {
    // flock serialises concurrent builds; the second one finds dist fresh and returns at once.
    const script = `cd "$1" && if [ -n "$(find agent-console/src shared/src -newer agent-console/dist/index.html -type f ! -name '*.test.ts' ! -name '*.test.tsx' ! -path '*/test-support/*' 2>/dev/null | head -1)" ] || [ ! -f agent-console/dist/index.html ]; then npm run build -w @ringside/agent-console; fi`;
    execFileSync('flock', ['/tmp/ringside-console-build.lock', 'sh', '-c', script, 'sh', repoRoot], { cwd: repoRoot, stdio: 'inherit' });
  }
  return dir;
}
