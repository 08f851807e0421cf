import { z } from 'zod';

/**
 * The attributes identity resolution compares. Each names what is compared after normalisation:
 * phones as E.164, emails lower-cased (dots and +tags kept: they are different mailboxes at most
 * providers), names by phonetic key and by edit distance (nicknames folded, given/family swaps
 * seen), the postal address reduced to postal code + house number + street, the birth date, and
 * organisation names without legal suffixes (Inc, Ltd, GmbH, ...).
 */
export const MATCH_ATTRIBUTES = ['phone', 'email', 'family_name', 'given_name', 'birth_date', 'address', 'organisation_name'] as const;
/** One attribute identity resolution compares. */
export type MatchAttribute = (typeof MATCH_ATTRIBUTES)[number];

/** How a rule compares its attribute: equal after normalisation, same phonetic key, or close by edit distance. */
export const MATCH_COMPARATORS = ['exact', 'phonetic', 'similar'] as const;
/** One way of comparing. */
export type MatchComparator = (typeof MATCH_COMPARATORS)[number];

/** One matching rule: when it fires on a pair, its weight adds to the pair's score. */
export const matchRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _'),
    attribute: z.enum(MATCH_ATTRIBUTES),
    comparator: z.enum(MATCH_COMPARATORS),
    /** Added to the score when the rule fires. */
    weight: z.number().min(0).max(20),
    /** Subtracted when both records have the attribute and the rule does not fire (evidence against). */
    mismatchWeight: z.number().min(0).max(20).default(0),
    /** For `similar`: the least normalised similarity (1 − distance / longer length) that fires. */
    minSimilarity: z.number().min(0.5).max(1).default(0.8),
    enabled: z.boolean().default(true),
  })
  .refine((r) => r.comparator !== 'phonetic' || r.attribute === 'family_name' || r.attribute === 'given_name' || r.attribute === 'organisation_name', {
    message: 'phonetic comparison applies to names only',
    path: ['comparator'],
  });
/** One matching rule as stored. */
export type MatchRule = z.output<typeof matchRuleSchema>;

/** The rules and the two thresholds: at or above `sure` a pair is a match, at or above `review` it goes to review. */
export const matchSettingsSchema = z
  .object({
    rules: z.array(matchRuleSchema).min(1).max(40),
    sureThreshold: z.number().min(0).max(100),
    reviewThreshold: z.number().min(0).max(100),
  })
  .refine((s) => s.reviewThreshold <= s.sureThreshold, { message: 'the review threshold must not exceed the sure threshold', path: ['reviewThreshold'] })
  .refine((s) => new Set(s.rules.map((r) => r.id)).size === s.rules.length, { message: 'rule ids must be unique', path: ['rules'] });
/** Matching rules with thresholds as stored and edited by admins. */
export type MatchSettings = z.output<typeof matchSettingsSchema>;

/**
 * Defaults tuned on the dedupe benchmark's corrupted set: an equal phone or email is strong but
 * not sure on its own (households share a landline, couples an inbox); a name match needs a
 * second piece of evidence to reach `sure`; a different birth date counts against, and a
 * different given name (neither sound nor spelling alike) counts strongly against: it is what
 * tells two members of one household apart.
 */
export const DEFAULT_MATCH_SETTINGS: MatchSettings = matchSettingsSchema.parse({
  sureThreshold: 9,
  // Above a name alone (6): namesakes are common, a duplicate has one more thing in common.
  reviewThreshold: 7,
  rules: [
    { id: 'phone_exact', attribute: 'phone', comparator: 'exact', weight: 5 },
    { id: 'email_exact', attribute: 'email', comparator: 'exact', weight: 5, mismatchWeight: 1 },
    { id: 'family_phonetic', attribute: 'family_name', comparator: 'phonetic', weight: 2, mismatchWeight: 3 },
    { id: 'family_similar', attribute: 'family_name', comparator: 'similar', weight: 1.5, minSimilarity: 0.8 },
    { id: 'given_phonetic', attribute: 'given_name', comparator: 'phonetic', weight: 1.5, mismatchWeight: 6 },
    { id: 'given_similar', attribute: 'given_name', comparator: 'similar', weight: 1, minSimilarity: 0.8 },
    { id: 'birth_date_exact', attribute: 'birth_date', comparator: 'exact', weight: 3, mismatchWeight: 6 },
    { id: 'address_exact', attribute: 'address', comparator: 'exact', weight: 2.5 },
    { id: 'organisation_exact', attribute: 'organisation_name', comparator: 'exact', weight: 6 },
    { id: 'organisation_similar', attribute: 'organisation_name', comparator: 'similar', weight: 3, minSimilarity: 0.85 },
  ],
});

/** One rule that fired on a pair, with what it compared (shown to reviewers as evidence). */
export interface MatchEvidence {
  ruleId: string;
  attribute: MatchAttribute;
  /** Positive when the rule fired, negative for evidence against. */
  weight: number;
  left: string;
  right: string;
}

/** The verdict on one pair of records. */
export interface PairVerdict {
  score: number;
  decision: 'sure' | 'review' | 'distinct';
  evidence: MatchEvidence[];
}

/** The party fields a merge decides per field (contact points, relationships and timelines always move). */
export const MERGE_FIELDS = [
  'firstName',
  'lastName',
  'salutation',
  'birthDate',
  'language',
  'timeZone',
  'organisationName',
  'tradingName',
  'registrationNumber',
  'industry',
  'sizeBand',
  'company',
  'email',
  'lifecycle',
  'valueScore',
  'notes',
] as const;
/** One field a merge decides. */
export type MergeField = (typeof MERGE_FIELDS)[number];

/**
 * Survivorship rules: the value of the record changed last, the fuller value (non-empty, then
 * longer), or the value of the record whose contact points come from the more trusted source.
 */
export const SURVIVORSHIP_RULES = ['most_recent', 'most_complete', 'most_trusted'] as const;
/** One survivorship rule. */
export type SurvivorshipRule = (typeof SURVIVORSHIP_RULES)[number];

/** Body of POST /api/identity/merges: the versions are those the reviewer was shown. */
export const mergeRequestSchema = z.strictObject({
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  survivorVersion: z.number().int().min(1),
  mergedVersion: z.number().int().min(1),
  rule: z.enum(SURVIVORSHIP_RULES).default('most_complete'),
  /** Per field, whose value to keep, overriding the rule. */
  choices: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(['survivor', 'merged'])).default({}),
  /** The review-queue candidate this merge resolves, if any. */
  candidateId: z.uuid().optional(),
});
/** A merge as requested. */
export type MergeRequest = z.output<typeof mergeRequestSchema>;

/** A merge as listed: who, when, and whether it was undone. */
export interface CustomerMergeSummary {
  id: string;
  survivorId: string;
  mergedId: string;
  /** Display name of the merged-away record as it was. */
  mergedName: string;
  status: 'merged' | 'undone';
  /** Counts of the rows moved by kind (contactPoints, interactions, relationships, ...). */
  moved: Record<string, number>;
  /** Per decided field, whose value the survivor kept. */
  fields: Partial<Record<MergeField, MergeOrigin>>;
  mergedBy: string | null;
  mergedAt: string;
  undoneBy: string | null;
  undoneAt: string | null;
}

/** Query of GET /api/identity/merges. */
export const mergeListQuerySchema = z.object({
  survivorId: z.uuid().optional(),
  status: z.enum(['merged', 'undone']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Status of a review-queue candidate. */
export const CANDIDATE_STATUSES = ['open', 'merged', 'not_duplicate', 'skipped'] as const;

/** Query of GET /api/identity/candidates: best score first. */
export const candidateListQuerySchema = z.object({
  status: z.enum(CANDIDATE_STATUSES).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** One side of a candidate pair, as the review queue shows it. */
export interface CandidateParty {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  version: number;
}

/** A candidate pair in the review queue, with its score and the rules that fired. */
export interface IdentityCandidate {
  id: string;
  left: CandidateParty;
  right: CandidateParty;
  /** Pairs of one cluster share it. */
  clusterKey: string;
  score: number;
  decision: 'sure' | 'review';
  evidence: MatchEvidence[];
  status: (typeof CANDIDATE_STATUSES)[number];
  reviewedByName: string | null;
  reviewedAt: string | null;
}

/** Data of an 'identity.duplicate-scan' job (none needed: it always scans every live customer). */
export const duplicateScanJobSchema = z.strictObject({ batchSize: z.number().int().min(10).max(10_000).default(1000) });
/** The queue the duplicate scan runs on. */
export const DUPLICATE_SCAN_QUEUE = 'identity.duplicate-scan';
/** Whose value a merged field kept: notes of both records are kept together unless chosen by hand. */
export type MergeOrigin = 'survivor' | 'merged' | 'both';
