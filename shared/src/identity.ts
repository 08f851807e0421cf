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
