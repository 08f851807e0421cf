import { customerDisplayName, type Customer } from '@ringside/shared';
import type { CustomerPage } from './customer-repository.js';
import { csvLine } from './import/csv-escape.js';

/** Columns of the customer export, in order. */
export const EXPORT_HEADER = ['id', 'kind', 'name', 'first_name', 'last_name', 'organisation_name', 'company', 'email', 'phones', 'lifecycle', 'value_score', 'notes', 'created_at'] as const;

const PAGE = 100;

function exportCells(c: Customer): (string | number | null)[] {
  const phones = c.contactPoints.filter((p) => p.kind === 'phone').map((p) => p.e164 ?? p.value);
  return [c.id, c.kind, customerDisplayName(c), c.firstName, c.lastName, c.organisationName, c.company, c.email, phones.join(' '), c.lifecycle, c.valueScore, c.notes, c.createdAt];
}

/**
 * The CSV lines of every customer a search matches, header first, fetched a page at a time so
 * memory stays flat however many match; every cell is escaped against formula injection.
 */
export async function* customerExportLines(search: (limit: number, offset: number) => Promise<CustomerPage>): AsyncGenerator<string> {
  yield csvLine(EXPORT_HEADER);
  for (let offset = 0; ; offset += PAGE) {
    const page = await search(PAGE, offset);
    for (const customer of page.items) yield csvLine(exportCells(customer));
    if (page.items.length < PAGE) return;
  }
}
