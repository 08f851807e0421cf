import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { RingsideError, dncImportQuerySchema, normalisePhone, parseInput, type DncImportResult } from '@ringside/shared';
import type { ConsentRepository, NewConsentEvent } from './consent-repository.js';

// A DNC entry withdraws marketing by phone on both phone channels; service calls stay allowed.
const DNC_CHANNELS = ['voice', 'sms'] as const;
const BATCH = 500;
const MAX_REPORTED_ERRORS = 100;
const NUMBER_HEADER = /^(number|phone|phone_number|telephone|e164|msisdn)$/i;

/**
 * Imports a national do-not-call list from a CSV stream into the consent ledger. Each number
 * becomes a withdrawal recorded against the number itself (no customer), so consentFor by
 * number, or by any customer's contact point with that number, sees it. The source key is the
 * list name and number: importing the same list again adds nothing. The file is streamed and
 * written in batches with no per-number memory (a number repeated in the file counts as already
 * listed), so the file's size does not matter.
 */
export async function importDncList(
  ledger: ConsentRepository,
  csv: Readable,
  query: unknown,
  options: { defaultCountry: string; actor: string; now?: () => number },
): Promise<DncImportResult> {
  const { list, country } = parseInput(dncImportQuerySchema, query);
  const readIn = country ?? options.defaultCountry;
  const result: DncImportResult = { list, rows: 0, numbers: 0, added: 0, alreadyListed: 0, invalid: 0, errors: [] };
  const occurredAt = new Date(options.now?.() ?? Date.now());
  let column = 0;
  let batch: (NewConsentEvent & { sourceKey: string })[] = [];

  const flush = async () => {
    const sent = batch.length;
    if (sent === 0) return;
    const added = await ledger.appendOnce(batch);
    batch = [];
    result.added += added / DNC_CHANNELS.length;
    result.alreadyListed += (sent - added) / DNC_CHANNELS.length;
  };

  const parser = csv.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 4096, info: true }));
  try {
    // info: true gives each record its own line number; parser.info has already read ahead.
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      const first = record[0] ?? '';
      if (result.rows === 0 && normalisePhone(first, readIn).ok === false) {
        // A header row: find the number column by name, else keep the first column.
        const named = record.findIndex((h) => NUMBER_HEADER.test(h));
        if (named >= 0 || /[a-z]/i.test(first)) {
          column = Math.max(named, 0);
          result.rows += 1;
          continue;
        }
      }
      result.rows += 1;
      const raw = record[column] ?? '';
      const phone = normalisePhone(raw, readIn);
      if (!phone.ok) {
        result.invalid += 1;
        if (result.errors.length < MAX_REPORTED_ERRORS) result.errors.push({ row: line, value: raw.slice(0, 40), reason: `not a phone number (${phone.reason})` });
        continue;
      }
      result.numbers += 1;
      for (const channel of DNC_CHANNELS) {
        batch.push({
          addressKind: 'phone',
          address: phone.e164,
          contactPointId: null,
          customerId: null,
          channel,
          purpose: 'marketing',
          state: 'withdrawn',
          occurredAt,
          method: 'dnc_list',
          actor: `dnc:${list}`,
          evidence: { file: list, row: line },
          sourceKey: `dnc:${list}:${phone.e164}:${channel}`,
        });
      }
      if (batch.length >= BATCH) await flush();
    }
  } catch (err) {
    if (err instanceof RingsideError) throw err;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw new RingsideError('INVALID_INPUT', `the CSV could not be read (${code}) near line ${parser.info.lines}`, [{ path: 'body', message: code }]);
    }
    throw err;
  }
  await flush();
  return result;
}
