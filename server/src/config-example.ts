import { CONFIG_KEYS, type ConfigKeyDoc } from './config.js';

/**
 * Renders .env.example from the documented config schema, so the example can never
 * drift from what the server actually reads (a test compares it with the committed file).
 */
export function renderEnvExample(): string {
  const lines = [
    '# Ringside server configuration. Generated from server/src/config.ts by renderEnvExample();',
    '# edit the schema there, not this file. Copy to .env and uncomment what you change.',
    '',
  ];
  for (const [key, doc] of Object.entries(CONFIG_KEYS) as [string, ConfigKeyDoc][]) {
    lines.push(`# ${doc.description}${doc.secret ? ' [secret]' : ''}`);
    lines.push(doc.default === undefined ? `# ${key}=` : `# ${key}=${doc.default}`);
    lines.push('');
  }
  lines.push('# --- docker-compose only: read by the postgres and asterisk containers, not by the server ---', '');
  for (const [key, doc] of Object.entries(DEPLOYMENT_KEYS)) {
    lines.push(`# ${doc.description}${doc.secret ? ' [secret]' : ''}`);
    lines.push(`# ${key}=`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Variables docker-compose.yml passes to the other containers; documented here so .env.example lists them. */
export const DEPLOYMENT_KEYS: Record<string, { description: string; secret: boolean }> = {
  POSTGRES_PASSWORD: { description: 'Password of the postgres container\'s user; docker-compose builds the server DATABASE_URL from it (required by docker-compose)', secret: true },
  SIP_PASSWORDS: { description: 'SIP passwords of the agent endpoints as "1001:pw 1002:pw ..." (required by docker-compose)', secret: true },
  ASTERISK_EXTERNAL_ADDRESS: { description: 'Public address Asterisk announces in SIP/SDP when behind NAT (optional)', secret: false },
};

/** Writes .env.example at the repository root (`node server/dist/config-example.js`). */
async function writeEnvExample(): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.env.example');
  await writeFile(target, renderEnvExample());
  process.stdout.write(`wrote ${target}\n`);
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  await writeEnvExample();
}
