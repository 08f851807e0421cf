import { DEFAULT_TENANT_ID } from '@ringside/shared';
import { isRingsideError } from '@ringside/shared';
import { loadConfig } from '../config.js';
import { openDatabase } from './database.js';
import { createProgressBar } from './progress-bar.js';
import { DEMO_LOGINS, bulkAddCustomers, countCustomers, seedUsers } from './seed.js';

const USAGE = `usage: npm run seed -- [--customers N] [--batch N]
  Migrates the database from DATABASE_URL (or PGlite under DATA_DIR), creates the demo users
  if there are none, and adds N generated customers (default 500) in batched transactions.
  Running it again adds more customers; it never duplicates users.`;

function parseArgs(argv: string[]): { customers: number; batch: number } {
  const out = { customers: 500, batch: 5000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = Number(argv[i + 1]);
    if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    if ((arg === '--customers' || arg === '--batch') && Number.isInteger(value) && value >= 0) {
      out[arg === '--customers' ? 'customers' : 'batch'] = value;
      i++;
      continue;
    }
    throw new Error(`bad argument ${arg ?? ''} ${argv[i + 1] ?? ''}\n${USAGE}`);
  }
  if (out.batch < 1) throw new Error(`--batch must be at least 1\n${USAGE}`);
  return out;
}

async function run(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig(process.env);
  // A command-line tool of the default tenant: its unscoped statements are that tenant's.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir, fallbackScope: { kind: 'tenant', tenantId: DEFAULT_TENANT_ID } });
  try {
    await database.migrate();
    const users = await seedUsers(database);
    const before = await countCustomers(database);
    const bar = createProgressBar('customers');
    const started = Date.now();
    // Seed from the current size so a second run adds different people, not the same ones again.
    await bulkAddCustomers(database, { count: args.customers, batchSize: args.batch, defaultCountry: config.defaultCountry, seed: before + 1, onProgress: bar.update });
    const after = await countCustomers(database);
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`${database.driver}: ${after - before} customers added in ${seconds.toFixed(1)} s (${after} in total)\n`);
    if (users > 0) {
      process.stdout.write(`demo logins: ${DEMO_LOGINS.map((l) => `${l.username}/${l.password}`).join(', ')}\n`);
    }
  } finally {
    await database.close();
  }
}

run().catch((err: unknown) => {
  process.stderr.write(`${isRingsideError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
