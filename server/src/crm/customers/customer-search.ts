import { sql, type SQL } from 'drizzle-orm';
import { toE164 } from '@ringside/shared';

// Only digits and the punctuation people type in numbers; "5550100" and "+1 (415) 555-0100" qualify, "anna" does not.
const PHONE_LIKE = /^[+(]?[\d\s().\-/]{5,}$/;

/** Counting stops here: "100+ customers" tells an agent to type more; an exact 45,000 costs a scan of them all. */
export const SEARCH_COUNT_CAP = 100;

function likePrefix(term: string): string {
  return `${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The searchable text columns of customers, each with a lower(col) text_pattern_ops index. */
const CUSTOMER_COLUMNS = [sql.raw('first_name'), sql.raw('last_name'), sql.raw('organisation_name'), sql.raw('company'), sql.raw('email')];

/**
 * One word: rows whose column starts with it, walked in index order (~<~ is the text_pattern_ops
 * order, so the btree serves ORDER BY and LIMIT stops the scan); each arm reads at most `take`
 * entries however many rows match. Ties are broken by id, so that the arms of page n+1 hold
 * every row of page n and no row is shown twice or skipped while paging.
 */
function wordArms(word: string, take: number): SQL {
  const p = likePrefix(word);
  const customerArms = CUSTOMER_COLUMNS.map(
    (col) => sql`(SELECT c.id, lower(c.${col}) AS k FROM customers c WHERE lower(c.${col}) LIKE ${p} AND c.merged_into_id IS NULL ORDER BY lower(c.${col}) USING ~<~, c.id LIMIT ${take})`,
  );
  const contactArm = sql`(SELECT cp.customer_id AS id, lower(cp.value) AS k FROM contact_points cp WHERE lower(cp.value) LIKE ${p} ORDER BY lower(cp.value) USING ~<~, cp.customer_id LIMIT ${take})`;
  return sql.join([...customerArms, contactArm], sql` UNION ALL `);
}

/**
 * Several words: a given and a family name in either order ("james ga", "garcia j"), served by
 * the two-column name indexes, which check the second word inside the index; or the start of an
 * organisation or company name ("northwind tra"). Further words must prefix-match the row too.
 */
function phraseArms(words: string[], take: number): SQL {
  const [a, b, ...rest] = words as [string, string, ...string[]];
  const extra = rest.length
    ? sql` AND ${sql.join(
        rest.map((w) => sql`(${sql.join(CUSTOMER_COLUMNS.map((col) => sql`lower(c.${col}) LIKE ${likePrefix(w)}`), sql` OR `)})`),
        sql` AND `,
      )}`
    : sql``;
  const pair = (first: string, last: string) =>
    sql`(SELECT c.id, lower(c.first_name) || ' ' || lower(c.last_name) AS k FROM customers c
      WHERE lower(c.first_name) LIKE ${likePrefix(first)} AND lower(c.last_name) LIKE ${likePrefix(last)} AND c.merged_into_id IS NULL${extra}
      ORDER BY lower(c.first_name) USING ~<~, lower(c.last_name) USING ~<~, c.id LIMIT ${take})`;
  const reversed = (last: string, first: string) =>
    sql`(SELECT c.id, lower(c.last_name) || ' ' || lower(c.first_name) AS k FROM customers c
      WHERE lower(c.last_name) LIKE ${likePrefix(last)} AND lower(c.first_name) LIKE ${likePrefix(first)} AND c.merged_into_id IS NULL${extra}
      ORDER BY lower(c.last_name) USING ~<~, lower(c.first_name) USING ~<~, c.id LIMIT ${take})`;
  const phrase = likePrefix(words.join(' '));
  const named = [sql.raw('organisation_name'), sql.raw('company')].map(
    (col) => sql`(SELECT c.id, lower(c.${col}) AS k FROM customers c WHERE lower(c.${col}) LIKE ${phrase} AND c.merged_into_id IS NULL ORDER BY lower(c.${col}) USING ~<~, c.id LIMIT ${take})`,
  );
  return sql.join([pair(a, b), reversed(a, b), ...named], sql` UNION ALL `);
}

/** What a search runs: the page of ids in display order, and a count capped at SEARCH_COUNT_CAP + 1. */
export interface SearchPlan {
  page: SQL;
  count: SQL;
}

/**
 * The two queries of one typeahead search. A phone number in any format is normalised to E.164
 * and matched exactly. One word prefix-matches a name, company, email or contact value; several
 * words are a given and family name or the start of an organisation or company name. Results come
 * in the order of the matched text, walked from the indexes, so a two-letter prefix over a
 * million customers reads only a page's worth of index entries. No words: newest first.
 */
export function customerSearchPlan(q: string, defaultCountry: string, limit: number, offset: number): SearchPlan {
  const text = q.trim();
  const cap = SEARCH_COUNT_CAP + 1;
  if (text === '') {
    return {
      page: sql`SELECT id FROM customers WHERE merged_into_id IS NULL ORDER BY created_at DESC, id DESC LIMIT ${limit} OFFSET ${offset}`,
      count: sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM customers WHERE merged_into_id IS NULL LIMIT ${cap}) x`,
    };
  }
  if (PHONE_LIKE.test(text)) {
    const e164 = toE164(text, defaultCountry);
    if (e164) {
      const set = sql`SELECT DISTINCT customer_id AS id FROM contact_points WHERE e164 = ${e164}`;
      return {
        page: sql`SELECT id FROM (${set}) m ORDER BY id LIMIT ${limit} OFFSET ${offset}`,
        count: sql`SELECT count(*)::int AS total FROM (${set} LIMIT ${cap}) x`,
      };
    }
  }
  const words = [...new Set(text.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 5);
  const arms = (take: number) => (words.length === 1 ? wordArms(words[0] as string, take) : phraseArms(words, take));
  return {
    page: sql`SELECT id FROM (${arms(limit + offset)}) h GROUP BY id ORDER BY min(k) USING ~<~, id LIMIT ${limit} OFFSET ${offset}`,
    count: sql`SELECT count(*)::int AS total FROM (SELECT DISTINCT id FROM (${arms(cap)}) h LIMIT ${cap}) x`,
  };
}

/**
 * Customers whose attribute has a value (`{"tier": "gold"}`), served by the GIN index on
 * attributes; each word of `q` must then prefix-match a name, company, email or contact value.
 * Newest first.
 */
export function attributeSearchPlan(q: string, attribute: Record<string, string | number>, limit: number, offset: number): SearchPlan {
  const words = [...new Set(q.trim().toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 5);
  const wordMatch = (w: string) =>
    sql`(${sql.join(
      [
        ...CUSTOMER_COLUMNS.map((col) => sql`lower(c.${col}) LIKE ${likePrefix(w)}`),
        sql`EXISTS (SELECT 1 FROM contact_points cp WHERE cp.customer_id = c.id AND lower(cp.value) LIKE ${likePrefix(w)})`,
      ],
      sql` OR `,
    )})`;
  const where = sql.join([sql`c.attributes @> ${JSON.stringify(attribute)}::jsonb`, ...words.map(wordMatch)], sql` AND `);
  return {
    page: sql`SELECT c.id FROM customers c WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit} OFFSET ${offset}`,
    count: sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM customers c WHERE ${where} LIMIT ${SEARCH_COUNT_CAP + 1}) x`,
  };
}
