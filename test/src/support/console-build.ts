import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo.js';

/** The built console the server serves; built here when a developer runs the tests without `npm run build`. */
export function ensureConsoleBuilt(): string {
  const dir = path.join(repoRoot, 'agent-console', 'dist');
  if (!existsSync(path.join(dir, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', '@ringside/agent-console'], { cwd: repoRoot, stdio: 'inherit' });
  }
  return dir;
}
