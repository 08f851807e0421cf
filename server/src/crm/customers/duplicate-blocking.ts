import { sql, type SQL } from 'drizzle-orm';
import { foldName, normaliseOrganisation } from '../identity/index.js';
import { formalGivenName } from '../identity/nicknames.js';

/** What the blocking reads of a draft: already-normalised phones and emails, names as typed. */
export interface DraftBlocking {
  kind: 'person' | 'organisation';
  phones: string[];
  emails: string[];
  givenName: string;
  familyName: string;
  organisationName: string;
  excludeId?: string | undefined;
}

function likePrefix(term: string): string {
  return `${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Both Double Metaphone codes of each name, computed by PostgreSQL so they equal what the indexes hold. */
function soundsOf(names: string[]): SQL {
  return sql`ARRAY[${sql.join(
    names.flatMap((n) => [sql`dmetaphone(${n})`, sql`dmetaphone_alt(${n})`]),
    sql`, `,
  )}]`;
}

/**
 * The ids of stored customers sharing a blocking key with the draft: a phone (E.164), an email
 * (lower-cased), the sound of the family name with the sound of the given name in either order
 * (nickname folded: "Bill" also looks for "William"), or, for an organisation, the start of its
 * name without legal suffixes. Each arm reads at most `perBlock` index entries, so a common
 * surname costs a bounded read; the scoring then decides what is a likely duplicate.
 */
export function duplicateBlockingQuery(d: DraftBlocking, perBlock = 50): SQL | null {
  const arms: SQL[] = [];
  if (d.phones.length) arms.push(sql`(SELECT customer_id AS id FROM contact_points WHERE e164 = ANY(${sql.param(d.phones)}::text[]) LIMIT ${perBlock})`);
  if (d.emails.length) {
    const emails = sql.param(d.emails);
    arms.push(sql`(SELECT customer_id AS id FROM contact_points WHERE email_lower = ANY(${emails}::text[]) LIMIT ${perBlock})`);
    arms.push(sql`(SELECT id FROM customers WHERE lower(email) = ANY(${emails}::text[]) LIMIT ${perBlock})`);
  }
  if (d.kind === 'person' && d.familyName) {
    const family = soundsOf([d.familyName]);
    const givenNames = [...new Set([d.givenName, formalGivenName(foldName(d.givenName))].filter(Boolean))];
    if (givenNames.length) {
      const given = soundsOf(givenNames);
      arms.push(sql`(SELECT id FROM customers WHERE dmetaphone(last_name) = ANY(${family}) AND dmetaphone(first_name) = ANY(${given}) LIMIT ${perBlock})`);
      arms.push(sql`(SELECT id FROM customers WHERE dmetaphone(first_name) = ANY(${family}) AND dmetaphone(last_name) = ANY(${given}) LIMIT ${perBlock})`);
    } else {
      arms.push(sql`(SELECT id FROM customers WHERE dmetaphone(last_name) = ANY(${family}) LIMIT ${perBlock})`);
    }
  }
  if (d.kind === 'organisation' && d.organisationName) {
    const words = [normaliseOrganisation(d.organisationName).split(' ')[0], d.organisationName.trim().toLowerCase().split(/\s+/)[0]];
    for (const word of new Set(words.filter((w): w is string => Boolean(w)))) {
      arms.push(
        sql`(SELECT id FROM customers WHERE lower(organisation_name) LIKE ${likePrefix(word)} ORDER BY lower(organisation_name) USING ~<~ LIMIT ${perBlock})`,
      );
    }
  }
  if (arms.length === 0) return null;
  const exclude = d.excludeId ? sql` WHERE id <> ${d.excludeId}::uuid` : sql``;
  return sql`SELECT DISTINCT id FROM (${sql.join(arms, sql` UNION ALL `)}) b${exclude}`;
}
