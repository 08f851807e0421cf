import { DEFAULT_MATCH_SETTINGS, toE164, type ContactPointInput, type Customer, type DuplicateCandidate, type MatchSettings } from '@ringside/shared';
import { matchKeys, scorePair, type IdentityRecord } from '../identity/index.js';
import type { CustomerRepository } from './customer-repository.js';
import { duplicateBlockingQuery } from './duplicate-blocking.js';

/** A customer as being typed (create or edit form, API create): only what matching reads. */
export interface DuplicateDraft {
  kind: Customer['kind'];
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  birthDate?: string | null | undefined;
  organisationName?: string | null | undefined;
  email?: string | null | undefined;
  contactPoints: ContactPointInput[];
  /** The customer being edited: never its own duplicate. */
  customerId?: string | undefined;
}

/** Candidates returned at most: the form shows them all, and a sixth is noise. */
const MAX_CANDIDATES = 5;

const unique = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => Boolean(x)))];

function draftIdentity(d: DuplicateDraft, defaultCountry: string): IdentityRecord {
  const address = d.contactPoints.find((p) => p.kind === 'address');
  return {
    id: d.customerId ?? 'draft',
    kind: d.kind,
    givenName: d.firstName ?? null,
    familyName: d.lastName ?? null,
    organisationName: d.organisationName ?? null,
    birthDate: d.birthDate ?? null,
    phones: unique(d.contactPoints.filter((p) => (p.kind === 'phone' || p.kind === 'sms') && p.value).map((p) => toE164(p.value ?? '', defaultCountry))),
    emails: unique([d.email, ...d.contactPoints.filter((p) => p.kind === 'email').map((p) => p.value)].map((e) => e?.trim().toLowerCase())),
    address: address ? { line1: address.addressLines?.[0] ?? null, postalCode: address.postalCode ?? null, country: address.country ?? null } : null,
  };
}

function storedIdentity(c: Customer): IdentityRecord {
  const address = c.contactPoints.find((p) => p.kind === 'address');
  return {
    id: c.id,
    kind: c.kind,
    givenName: c.firstName,
    familyName: c.lastName,
    organisationName: c.organisationName,
    birthDate: c.birthDate,
    phones: unique(c.contactPoints.map((p) => p.e164)),
    emails: unique([c.email?.toLowerCase(), ...c.contactPoints.map((p) => p.emailLower)]),
    address: address ? { line1: address.addressLines?.[0] ?? null, postalCode: address.postalCode, country: address.country } : null,
  };
}

/**
 * Likely duplicates of a draft: candidates found by blocking keys in the database, scored with
 * the identity rules; those at or above the review threshold come back with their evidence.
 */
export class DuplicateChecker {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly options: { defaultCountry: string; settings?: () => Promise<MatchSettings> },
  ) {}

  async check(draft: DuplicateDraft): Promise<DuplicateCandidate[]> {
    const mine = draftIdentity(draft, this.options.defaultCountry);
    const query = duplicateBlockingQuery({
      kind: draft.kind,
      phones: [...mine.phones],
      emails: [...mine.emails],
      givenName: draft.firstName ?? '',
      familyName: draft.lastName ?? '',
      organisationName: draft.organisationName ?? '',
      excludeId: draft.customerId,
    });
    if (!query) return [];
    const [found, settings] = await Promise.all([this.customers.listByQuery(query), this.options.settings?.() ?? DEFAULT_MATCH_SETTINGS]);
    const keys = matchKeys(mine);
    const candidates: DuplicateCandidate[] = [];
    for (const customer of found) {
      const verdict = scorePair(keys, matchKeys(storedIdentity(customer)), settings);
      if (verdict.decision !== 'distinct') candidates.push({ customer, score: verdict.score, decision: verdict.decision, evidence: verdict.evidence });
    }
    return candidates.sort((a, b) => b.score - a.score).slice(0, MAX_CANDIDATES);
  }
}
