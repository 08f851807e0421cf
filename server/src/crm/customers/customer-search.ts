import { sql, type SQL } from 'drizzle-orm';
import { toE164 } from '@ringside/shared';

// Only digits and the punctuation people type in numbers; "5550100" and "+1 (415) 555-0100" qualify, "anna" does not.
const PHONE_LIKE = /^[+(]?[\d\s().\-/]{5,}$/;

function likePrefix(term: string): string {
  return `${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function termSet(term: string): SQL {
  const p = likePrefix(term);
  // A UNION of single-index lookups: each arm is an index range scan on lower(col) text_pattern_ops,
  // which an OR across columns and the contact_points join could not guarantee.
  return sql`(SELECT id FROM customers WHERE lower(first_name) LIKE ${p}
    UNION SELECT id FROM customers WHERE lower(last_name) LIKE ${p}
    UNION SELECT id FROM customers WHERE lower(organisation_name) LIKE ${p}
    UNION SELECT id FROM customers WHERE lower(company) LIKE ${p}
    UNION SELECT id FROM customers WHERE lower(email) LIKE ${p}
    UNION SELECT customer_id AS id FROM contact_points WHERE lower(value) LIKE ${p})`;
}

/**
 * The set of matching customer ids for free text, as a SQL subquery; null means "everyone".
 * A phone number in any format is normalised to E.164 and matched exactly; otherwise every
 * word must prefix-match some name, company, email or contact value.
 */
export function customerMatchSet(q: string, defaultCountry: string): SQL | null {
  const text = q.trim();
  if (text === '') return null;
  if (PHONE_LIKE.test(text)) {
    const e164 = toE164(text, defaultCountry);
    if (e164) return sql`(SELECT customer_id AS id FROM contact_points WHERE e164 = ${e164})`;
  }
  const terms = [...new Set(text.split(/\s+/).filter(Boolean))].slice(0, 5);
  return sql`(${sql.join(terms.map(termSet), sql` INTERSECT `)})`;
}
