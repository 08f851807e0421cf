import { describe, expect, it } from '@jest/globals';
import { DEFAULT_MATCH_SETTINGS, matchSettingsSchema, type MatchSettings } from '@ringside/shared';
import { scanForDuplicates } from './duplicate-scan.js';
import { scorePair } from './match-score.js';
import { matchKeys, normaliseAddress, normaliseOrganisation, type IdentityRecord } from './normalise.js';

const person = (id: string, fields: Partial<IdentityRecord>): IdentityRecord => ({ id, kind: 'person', phones: [], emails: [], ...fields });
const org = (id: string, organisationName: string, fields: Partial<IdentityRecord> = {}): IdentityRecord => ({ id, kind: 'organisation', organisationName, phones: [], emails: [], ...fields });
const verdict = (a: IdentityRecord, b: IdentityRecord, settings: MatchSettings = DEFAULT_MATCH_SETTINGS) => scorePair(matchKeys(a), matchKeys(b), settings);

const carol = person('a', {
  givenName: 'Carol',
  familyName: 'Nguyen',
  birthDate: '1984-03-12',
  phones: ['+14155550103'],
  emails: ['carol.nguyen@example.com'],
  address: { line1: '12 Oak Street', postalCode: '94110', country: 'US' },
});

describe('normalising what is compared', () => {
  it('strips legal suffixes and punctuation from organisation names', () => {
    expect(normaliseOrganisation('Northwind Traders, Inc.')).toBe('northwind traders');
    expect(normaliseOrganisation('NORTHWIND TRADERS LTD')).toBe('northwind traders');
    expect(normaliseOrganisation('Müller & Söhne GmbH')).toBe('muller sohne');
  });

  it('reads an address the same with or without street abbreviations', () => {
    expect(normaliseAddress({ line1: '12 Oak Street', postalCode: '94110', country: 'us' })).toBe(normaliseAddress({ line1: '12 oak st.', postalCode: '94110', country: 'US' }));
    expect(normaliseAddress({ line1: '12 Oak Street', postalCode: null })).toBe('');
  });

  it('folds nicknames and accents in given names', () => {
    expect(matchKeys(person('x', { givenName: 'Bob' })).given).toBe('robert');
    expect(matchKeys(person('x', { familyName: "O'Brien-Müller" })).family).toBe('obrienmuller');
  });
});

describe('scoring a pair', () => {
  it('a sure match for the same person typed again with a nickname and a typo, with the evidence', () => {
    const v = verdict(carol, person('b', { givenName: 'Carrol', familyName: 'Nguyen', phones: ['+14155550103'], birthDate: '1984-03-12' }));
    expect(v.decision).toBe('sure');
    expect(v.evidence.map((e) => e.ruleId)).toEqual(expect.arrayContaining(['phone_exact', 'birth_date_exact', 'family_phonetic']));
    expect(v.evidence.find((e) => e.ruleId === 'phone_exact')).toMatchObject({ left: '+14155550103', right: '+14155550103', weight: 5 });
  });

  it('reads swapped given and family names', () => {
    const v = verdict(carol, person('b', { givenName: 'Nguyen', familyName: 'Carol', emails: ['carol.nguyen@example.com'] }));
    expect(v.decision).toBe('sure');
    expect(v.evidence.filter((e) => e.attribute === 'given_name' && e.weight > 0)).not.toHaveLength(0);
  });

  it('keeps two members of one household apart: same landline, address and family name, another given name', () => {
    const v = verdict(carol, person('b', { givenName: 'David', familyName: 'Nguyen', phones: ['+14155550103'], address: carol.address }));
    expect(v.decision).toBe('distinct');
    expect(v.evidence.find((e) => e.ruleId === 'given_phonetic')?.weight).toBeLessThan(0);
  });

  it('a namesake with nothing else in common is not even sent to review', () => {
    expect(verdict(carol, person('b', { givenName: 'Carol', familyName: 'Nguyen', phones: ['+14155550999'] })).decision).toBe('distinct');
  });

  it('a different birth date counts against an otherwise sure match (father and son)', () => {
    const v = verdict(carol, { ...carol, id: 'b', birthDate: '1954-01-01', emails: [] });
    expect(v.decision).toBe('review');
  });

  it('never matches a person with an organisation', () => {
    expect(verdict(carol, org('o', 'Carol Nguyen', { phones: ['+14155550103'] })).decision).toBe('distinct');
  });

  it('matches organisations spelled with and without their legal form', () => {
    expect(verdict(org('o1', 'Northwind Traders Inc.', { phones: ['+14155550102'] }), org('o2', 'NORTHWIND TRADERS', { phones: ['+14155550102'] })).decision).toBe('sure');
  });

  it('follows the rules an admin edited: a disabled rule no longer fires', () => {
    const noPhone = matchSettingsSchema.parse({ ...DEFAULT_MATCH_SETTINGS, rules: DEFAULT_MATCH_SETTINGS.rules.map((r) => (r.id === 'phone_exact' ? { ...r, enabled: false } : r)) });
    const b = person('b', { givenName: 'Carol', familyName: 'Nguyen', phones: ['+14155550103'] });
    expect(verdict(carol, b).evidence.map((e) => e.ruleId)).toContain('phone_exact');
    expect(verdict(carol, b, noPhone).evidence.map((e) => e.ruleId)).not.toContain('phone_exact');
  });

  it('refuses settings whose review threshold exceeds the sure threshold, or with a phonetic rule on a phone', () => {
    expect(matchSettingsSchema.safeParse({ ...DEFAULT_MATCH_SETTINGS, reviewThreshold: 20 }).success).toBe(false);
    const bad = { ...DEFAULT_MATCH_SETTINGS, rules: [{ id: 'x_phone', attribute: 'phone', comparator: 'phonetic', weight: 1 }] };
    expect(matchSettingsSchema.safeParse(bad).success).toBe(false);
  });
});

describe('the full scan', () => {
  const records = [
    carol,
    person('dup', { givenName: 'Carol', familyName: 'Nguyen', emails: ['Carol.Nguyen@example.com'], birthDate: '1984-03-12' }),
    person('dup2', { givenName: 'Nguyen', familyName: 'Carrol', phones: ['+14155550103'] }),
    person('spouse', { givenName: 'David', familyName: 'Nguyen', phones: ['+14155550103'], address: carol.address }),
    person('other', { givenName: 'Alice', familyName: 'Johnson', phones: ['+14155550100'] }),
  ].map(matchKeys);

  it('clusters the three records of one person and leaves the spouse and a stranger out', () => {
    const { clusters } = scanForDuplicates(records, DEFAULT_MATCH_SETTINGS);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.members.map((i) => records[i]?.id).sort()).toEqual(['a', 'dup', 'dup2']);
    for (const p of clusters[0]?.pairs ?? []) expect(p.left).toBeLessThan(p.right);
  });

  it('blocks by name too once the rules let a name alone reach review', () => {
    const namesakes = [carol, person('b', { givenName: 'Carol', familyName: 'Nguyen', phones: ['+14155550999'] })].map(matchKeys);
    expect(scanForDuplicates(namesakes, DEFAULT_MATCH_SETTINGS).clusters).toHaveLength(0);
    const lenient = matchSettingsSchema.parse({ ...DEFAULT_MATCH_SETTINGS, reviewThreshold: 5 });
    const { clusters } = scanForDuplicates(namesakes, lenient);
    expect(clusters[0]?.pairs[0]?.verdict.decision).toBe('review');
  });

  it('skips pairs a reviewer marked "not a duplicate"', () => {
    const { clusters } = scanForDuplicates(records, DEFAULT_MATCH_SETTINGS, { distinct: new Set(['a|dup', 'a|dup2', 'dup|dup2']) });
    expect(clusters).toHaveLength(0);
  });

  it('compares only within blocks: unrelated records are never scored', () => {
    // Names that sound different: letters of i in base 20 over consonant-vowel syllables.
    const syllable = (n: number) => 'bdfgklmnprstvz'.charAt(n % 14) + 'aeiou'.charAt(Math.floor(n / 14) % 5);
    const name = (i: number) => syllable(i % 70) + syllable(Math.floor(i / 70) % 70) + syllable(Math.floor(i / 4900));
    const many = Array.from({ length: 2_000 }, (_, i) => matchKeys(person(`p${i}`, { givenName: name(i), familyName: name(i + 7_000), phones: [`+1415555${String(i).padStart(4, '0')}`] })));
    const { comparisons } = scanForDuplicates(many, DEFAULT_MATCH_SETTINGS);
    // All pairs would be 1,999,000.
    expect(comparisons).toBeLessThan(2_000 * 10);
  });
});
