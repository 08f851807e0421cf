import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { demoDialPlan } from '@ringside/shared';
import { loadConfig as loadSimConfig } from '@ringside/pbx-sim';
import { postgresTestDatabase } from '../db/test-databases.js';
import { UserRepository } from '../auth/user-repository.js';
import { DialPlanRepository } from './dialplan-repository.js';
import { runRenderFromDb } from './render-from-db-cli.js';
import { prepareSwitchConfigDir } from './dialplan-module.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { seedAcmeTenant } from '../db/seed-acme.js';

describe('npm run pbx-config:from-db', () => {
  const testDb = postgresTestDatabase();
  const dirs: string[] = [];
  afterAll(async () => {
    await testDb.dispose();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRenderFromDb(argv, { DATABASE_URL: testDb.url!, NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('prepares the embedded switch folder from the demo plan before any publish, so pbx-sim can run from it', async () => {
    const database = await testDb.open();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-prepare-'));
    dirs.push(dataDir);
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' });
    const rendered = await prepareSwitchConfigDir({ db: database, config, logger: createLogger('silent') });
    expect(rendered.map((t) => [t.prefix, t.version])).toEqual([['', null]]);
    const sim = loadSimConfig(config.pbxConfigDir);
    expect(sim.dialplan.contexts.has('ringside-inbound')).toBe(true);
    expect(sim.amiUsers[0]).toMatchObject({ username: 'cti', secret: 'cti-secret' });
  });

  it('renders the live version from the database into a folder pbx-sim loads, and says so when there is none', async () => {
    const database = await testDb.open();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-fromdb-'));
    dirs.push(dir);
    const none = await run(['--out', dir]);
    expect(none).toMatchObject({ code: 1, err: expect.stringContaining('no live dial-plan version yet') });
    const repo = new DialPlanRepository(database.db);
    const { id } = await new UserRepository(database).create({ username: 'ada', displayName: 'Ada', passwordHash: 'x' });
    const plan = structuredClone(demoDialPlan);
    plan.queues[1]!.strategy = 'leastrecent';
    await repo.insertVersion({ number: 1, plan, files: {}, authorId: id, authorName: 'Ada', comment: 'c', rollbackOf: null });
    await repo.recordOutcome(1, { ok: true });
    const ok = await run(['--out', dir]);
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining('wrote version 1 (applied)') });
    expect(await readFile(path.join(dir, 'ringside-queues.conf'), 'utf8')).toContain('strategy = leastrecent');
    expect(loadSimConfig(dir).queues.find((q) => q.name === 'sales')?.strategy).toBe('leastrecent');
    expect((await run(['--out', dir, '--version', '7'])).err).toContain('no dial-plan version 7');
    expect((await run([])).code).toBe(2);
  });

  it("renders every tenant's live version together: the default tenant's and Acme's, each with its prefix", async () => {
    const database = await testDb.open();
    await seedAcmeTenant(database);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-fromdb-tenants-'));
    dirs.push(dir);
    expect(await run(['--out', dir])).toMatchObject({ code: 0, out: expect.stringContaining('wrote version 1 (applied) with acme 1') });
    const sim = loadSimConfig(dir);
    expect(sim.queues.map((q) => q.name).sort()).toEqual(['acme-claims', 'acme-support', 'sales', 'support']);
    expect(sim.dialplan.contexts.has('acme-ringside-agents')).toBe(true);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-prepare-tenants-'));
    dirs.push(dataDir);
    const rendered = await prepareSwitchConfigDir({ db: database, config: loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }), logger: createLogger('silent') });
    expect(rendered.map((t) => [t.prefix, t.version])).toEqual([['', 1], ['acme', 1]]);
  });
});
