import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { columnMappingSchema, DEFAULT_MATCH_SETTINGS } from '@ringside/shared';
import { checkImport, matchKeys, scorePair, type ImportRow, type MatchKeys } from '@ringside/server';
import { loadAverage, progress } from './bench-stats.js';
import { generateDedupeSet } from './dedupe-data.js';

/** What one import run measured. */
export interface ImportResult {
  rows: number;
  fileMb: number;
  seconds: number;
  rowsPerSecond: number;
  created: number;
  updated: number;
  rejected: number;
  peakRssMb: number;
}

const csvCell = (v: string | null | undefined) => (v === null || v === undefined ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Streams a generated CSV of `rows` customers (5 % duplicates, 1 % broken rows) through the
 * import's check pass (parse, validate, normalise) and matching (external id, then phone/email
 * candidates scored by the identity rules) deciding create or update for every row.
 * Writing to the database is not part of this figure.
 */
export async function runImport(options: { rows?: number } = {}): Promise<ImportResult> {
  const rows = options.rows ?? 1_000_000;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-import-bench-'));
  const file = path.join(dir, 'customers.csv');
  try {
    progress(`import: writing ${rows.toLocaleString('en')} rows…`);
    const set = generateDedupeSet(rows, 0.05, 7);
    const out = createWriteStream(file);
    out.write('\ufeffExternal ID,First name,Last name,E-mail,Phone,Date of birth,Street,ZIP,Country\n');
    let n = 0;
    for (const { record: r } of set.records) {
      n++;
      // Every hundredth row is broken the ways real files are: a bad email, an impossible date.
      const email = n % 200 === 0 ? 'not-an-email' : (r.emails[0] ?? '');
      const born = n % 200 === 100 ? '1990-02-30' : (r.birthDate ?? '');
      const line = [r.id, r.givenName, r.familyName, email, r.phones[0] ?? '', born, r.address?.line1, r.address?.postalCode, r.address?.country].map(csvCell).join(',');
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const fileMb = (await stat(file)).size / 1024 / 1024;
    set.records.length = 0;
    global.gc?.();

    const mapping = columnMappingSchema.parse({
      source: 'bench',
      columns: { 'External ID': 'externalId', 'First name': 'givenName', 'Last name': 'familyName', 'E-mail': 'email', Phone: 'phone', 'Date of birth': 'birthDate', Street: 'addressLine1', ZIP: 'postalCode', Country: 'country' },
    });
    // What the import matches against: customers known so far, by external id and by phone/email.
    const byExternal = new Map<string, number>();
    const byContact = new Map<string, number>();
    const known: MatchKeys[] = [];
    let created = 0;
    let updated = 0;
    let peakRss = process.memoryUsage().rss;
    const t0 = performance.now();
    const decide = (row: ImportRow) => {
      if (row.externalId !== null && byExternal.has(row.externalId)) {
        updated++;
        return;
      }
      const keys = matchKeys({ id: row.externalId ?? String(row.record), kind: row.kind, givenName: row.givenName, familyName: row.familyName, organisationName: row.organisationName, birthDate: row.birthDate, phones: row.phones, emails: row.emails, address: row.address });
      for (const c of [...keys.phones, ...keys.emails]) {
        const candidate = byContact.get(c);
        if (candidate !== undefined && scorePair(keys, known[candidate] as MatchKeys, DEFAULT_MATCH_SETTINGS).decision === 'sure') {
          updated++;
          return;
        }
      }
      const index = known.push(keys) - 1;
      if (row.externalId !== null) byExternal.set(row.externalId, index);
      for (const c of [...keys.phones, ...keys.emails]) if (!byContact.has(c)) byContact.set(c, index);
      created++;
    };
    let seen = 0;
    const check = await checkImport(createReadStream(file, { highWaterMark: 256 * 1024 }), mapping, {
      row: (row) => {
        decide(row);
        if (++seen % 100_000 === 0) {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          progress(`import: ${seen.toLocaleString('en')} rows`);
        }
      },
      error: () => undefined,
    });
    const seconds = (performance.now() - t0) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const r: ImportResult = { rows: check.records, fileMb, seconds, rowsPerSecond: check.records / seconds, created, updated, rejected: check.rejected, peakRssMb: peakRss / 1024 / 1024 };
    console.log(`import: ${r.rows.toLocaleString('en')} rows, ${fileMb.toFixed(0)} MB CSV (${loadAverage()})`);
    console.log(`  ${r.seconds.toFixed(1)} s: ${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s (target >= 20,000) ${r.rowsPerSecond >= 20_000 ? 'met' : 'MISSED'}`);
    console.log(`  ${created.toLocaleString('en')} created, ${updated.toLocaleString('en')} matched to an existing customer, ${r.rejected.toLocaleString('en')} rejected`);
    console.log(`  peak RSS ${Math.round(r.peakRssMb)} MB (the match index holds every customer's keys; the file itself streams)`);
    return r;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
