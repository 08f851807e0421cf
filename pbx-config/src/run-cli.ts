import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkDialPlan, demoDialPlan, isRingsideError } from '@ringside/shared';
import { absoluteBaseIncludes, BASE_CONFIG_DIR } from './base-config.js';
import { demoSecrets } from './demo-secrets.js';
import { renderAll } from './render/render-all.js';
import { renderRuntimeIncludes } from './render/runtime-includes.js';
import type { SecretMap } from './render/secrets.js';
import { writeConfigFolder } from './write-config-folder.js';

/** Where the CLI writes; injectable so tests can read what a user would see. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = `usage:
  pbx-config render --out DIR [--plan plan.json] [--secrets secrets.json] [--base DIR]
  pbx-config check [--plan plan.json]
Without --plan the demo dial plan is used; without --secrets the demo development secrets.
The live version stored by the server: npm run pbx-config:from-db -- --out DIR (a server CLI,
so this package never reads the server's tables).`;

/** The base config folder shipped next to the package (pbx-config/asterisk). */
export const DEFAULT_BASE_DIR = BASE_CONFIG_DIR;

async function readJson(file: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${what} ${file}: ${(e as Error).message}`, { cause: e });
  }
}

/** Runs the CLI and returns its exit code (0 ok, 1 bad plan or secrets, 2 usage or unavailable). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        plan: { type: 'string' },
        secrets: { type: 'string' },
        base: { type: 'string' },
        'from-db': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  if (command !== 'render' && command !== 'check') {
    io.err(`unknown command '${command}'\n${USAGE}`);
    return 2;
  }
  if (values['from-db']) {
    io.err('--from-db lives in the server, which owns the dial-plan versions: run `npm run pbx-config:from-db -- --out DIR` (reads DATABASE_URL, or PGlite under DATA_DIR)');
    return 2;
  }
  try {
    const input = values.plan ? await readJson(values.plan, 'dial plan') : demoDialPlan;
    const checked = checkDialPlan(input);
    if (!checked.ok) {
      io.err(`the dial plan has ${checked.issues.length} problem(s):`);
      for (const i of checked.issues) io.err(`  ${i.path.join('.') || '(root)'}: ${i.message} [${i.code}]`);
      return 1;
    }
    if (command === 'check') {
      io.out(`dial plan "${checked.plan.name}" is valid`);
      return 0;
    }
    if (!values.out) {
      io.err(`render needs --out DIR\n${USAGE}`);
      return 2;
    }
    let secrets: SecretMap = demoSecrets;
    if (values.secrets) secrets = (await readJson(values.secrets, 'secrets')) as SecretMap;
    else io.err('notice: using the demo development secrets (pass1001, cti-secret, ...): never for a real site');
    const baseDir = values.base ?? DEFAULT_BASE_DIR;
    const hasBase = existsSync(baseDir);
    if (!hasBase) io.err(`notice: no base config at ${baseDir}; writing the rendered files only`);
    // What the base config reads from /run (secrets the container writes) lands inside the folder.
    const runtime = hasBase ? renderRuntimeIncludes(checked.plan, secrets, absoluteBaseIncludes(baseDir)) : {};
    const files = { ...renderAll(checked.plan, secrets), ...runtime };
    const result = await writeConfigFolder(values.out, files, hasBase ? baseDir : undefined);
    io.out(`wrote ${result.written.length} rendered and ${result.copied.length} base files to ${values.out}`);
    for (const n of result.notIncluded) io.err(`notice: no base file #includes ${n}; Asterisk will not read it`);
    return 0;
  } catch (e) {
    if (isRingsideError(e)) {
      io.err(`${e.code}: ${e.message}`);
      return 1;
    }
    io.err((e as Error).message);
    return 1;
  }
}
