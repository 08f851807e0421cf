import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Database } from '../../../db/database.js';
import { testDatabases, type TestDatabase } from '../../../db/test-databases.js';
import { PgBossJobQueue } from '../../../jobs/pg-boss-job-queue.js';
import { createLogger } from '../../../logger.js';
import { CustomerRepository } from '../customer-repository.js';
import { ImportFiles } from './import-files.js';
import { ImportRepository } from './import-repository.js';
import { CUSTOMER_IMPORT_QUEUE, customerImportWorker, type ImportRunData } from './import-run.js';
import { ImportService } from './import-service.js';

jest.setTimeout(120_000);

const actor = { id: '00000000-0000-4000-8000-00000000a001', name: 'Importer' };
const COLUMNS = { Id: 'externalId', First: 'givenName', Last: 'familyName', Mail: 'email' } as const;

async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(testDatabases())('the customer import run on %s', (_driver, make) => {
  let handle: TestDatabase;
  let database: Database;
  let dir: string;
  let imports: ImportRepository;
  let files: ImportFiles;

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
    await database.rawSql(`insert into users (id, username, display_name, password_hash) values ($1, 'importer', 'Importer', 'x')`, [actor.id]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-imports-'));
    imports = new ImportRepository(database.db);
    files = new ImportFiles(dir, 10_000_000);
  }, 60_000);
  afterAll(async () => {
    await handle.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** A node working imports; with `stopAfterBatches` it stops itself (as a server shutting down would) once that many batches are committed. */
  async function startQueue(batchSize: number, stopAfterBatches?: number) {
    const queue = new PgBossJobQueue({ database, logger: createLogger('silent'), pollingIntervalSeconds: 0.5, retryDelaySeconds: 0, stopTimeoutMs: 5_000 });
    const worker = customerImportWorker({ database, imports, files, batchSize });
    let batches = 0;
    let stopped: Promise<void> | null = null;
    await queue.work<ImportRunData>(CUSTOMER_IMPORT_QUEUE, (data, context) =>
      worker(data, {
        ...context,
        progress: async (...report) => {
          await context.progress(...report);
          if (stopAfterBatches === undefined || ++batches !== stopAfterBatches) return;
          stopped = queue.stop();
          await new Promise((resolve) => context.signal.addEventListener('abort', resolve, { once: true }));
        },
      }),
    );
    return { queue, service: new ImportService(imports, files, queue), stopped: () => stopped };
  }

  async function uploadAndMap(service: ImportService, csv: string, source: string): Promise<string> {
    const { import: file } = await service.upload(Readable.from([Buffer.from(csv)]), { source }, null);
    await service.dryRun(file.id, { columns: COLUMNS }, null);
    return file.id;
  }

  const customerCount = async () => Number((await database.rawSql('select count(*)::int as n from customers')).rows[0]?.['n']);
  const finished = (queue: PgBossJobQueue, jobId: string) => eventually(`job ${jobId}`, async () => ((await queue.runs.get(jobId))?.state === 'completed' ? true : null));

  it('creates the valid rows, keeps the problems, and a rerun of the same file creates nobody twice', async () => {
    const { queue, service } = await startQueue(2);
    try {
      const csv = ['Id,First,Last,Mail', 'X1,Ada,Lovelace,ada@example.com', 'X2,Bob,Builder,bad-email', ',Cy,NoId,cy@example.com', 'X3,Di,Prince,', 'X4,Ed,Wood,ed@example.com'].join('\n');
      const before = await customerCount();
      const first = await uploadAndMap(service, csv, 'crm-one');
      await finished(queue, (await service.run(first, actor)).jobId);
      expect(await imports.getRun(first)).toMatchObject({ checkpoint: 6, createdCount: 4, updatedCount: 0, rejectedCount: 1 });
      expect(await customerCount()).toBe(before + 4);
      const lines: string[] = [];
      await service.writeRunErrorsCsv(first, async (l) => void lines.push(l));
      expect(lines).toEqual(['record,column,code,message,value\r\n', expect.stringMatching(/^3,Mail,INVALID_EMAIL,.*,bad-email\r\n$/)]);

      const again = await uploadAndMap(service, csv.replace('Lovelace', 'King'), 'crm-one');
      await finished(queue, (await service.run(again, actor)).jobId);
      // The row without an external id is another record of another file, but the matching rules
      // surely know its person (same names and email): updated like the others, nobody created.
      expect(await imports.getRun(again)).toMatchObject({ createdCount: 0, updatedCount: 4, rejectedCount: 1 });
      expect(await customerCount()).toBe(before + 4);
      const { rows } = await database.rawSql("select count(*)::int as n from customers where last_name = 'King'");
      expect(rows[0]?.['n']).toBe(1);
    } finally {
      await queue.stop();
    }
  });

  it('a row the matching rules surely know updates that customer and links its id; a namesake alone is created', async () => {
    const grace = await new CustomerRepository(database, { defaultCountry: 'US' }).create({ kind: 'person', firstName: 'Grace', lastName: 'Hopper', lifecycle: 'customer', valueScore: 0, contactPoints: [{ kind: 'email', value: 'grace@navy.example' }] }, null);
    const { queue, service } = await startQueue(10);
    try {
      const csv = ['Id,First,Last,Mail', 'G7,Grace,Hopper,GRACE@navy.example', 'G8,Grace,Hopper,'].join('\n');
      const before = await customerCount();
      const id = await uploadAndMap(service, csv, 'crm-two');
      await finished(queue, (await service.run(id, actor)).jobId);
      expect(await imports.getRun(id)).toMatchObject({ createdCount: 1, updatedCount: 1, rejectedCount: 0 });
      expect(await customerCount()).toBe(before + 1);
      const { rows } = await database.rawSql("select customer_id from customer_external_ids where source = 'crm-two' and external_id = 'G7'");
      expect(rows[0]?.['customer_id']).toBe(grace.id);
    } finally {
      await queue.stop();
    }
  });

  it('resumes from its checkpoint after a stop mid-file, with exact counts', async () => {
    const records = 400;
    const csv = ['Id,First,Last,Mail', ...Array.from({ length: records }, (_, i) => `R${i},First${i},Last${i},r${i}@example.com`)].join('\n');
    const before = await customerCount();
    const first = await startQueue(10, 3);
    const id = await uploadAndMap(first.service, csv, 'crm-big');
    const { jobId } = await first.service.run(id, actor);
    await eventually('the stop after three batches', async () => first.stopped() !== null);
    await first.stopped();
    // Three batches of ten records committed, the header being record 1.
    expect(await imports.getRun(id)).toMatchObject({ checkpoint: 31, createdCount: 30 });
    expect(await customerCount()).toBe(before + 30);
    expect((await first.queue.runs.get(jobId))?.state).toBe('queued');

    const second = await startQueue(10);
    try {
      await finished(second.queue, jobId);
      expect(await imports.getRun(id)).toMatchObject({ checkpoint: records + 1, createdCount: records, updatedCount: 0, rejectedCount: 0 });
      expect(await customerCount()).toBe(before + records);
      expect((await second.queue.runs.get(jobId))?.attempts).toBe(2);
    } finally {
      await second.queue.stop();
    }
  });
});
