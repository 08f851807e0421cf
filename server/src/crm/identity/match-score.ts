import { distance } from 'fastest-levenshtein';
import type { MatchAttribute, MatchEvidence, MatchRule, MatchSettings, PairVerdict } from '@ringside/shared';
import type { MatchKeys } from './normalise.js';

/** 1 − edit distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

interface NameSide {
  given: string;
  family: string;
  givenCodes: string[];
  familyCodes: string[];
}

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/** The value of a set attribute both records share, or null. */
function shared(a: readonly string[], b: readonly string[]): string | null {
  for (const x of a) if (b.includes(x)) return x;
  return null;
}

/** One rule on one pair: its signed weight and the evidence, or null when it says nothing. */
function apply(rule: MatchRule, a: MatchKeys, b: MatchKeys, names: NameSide): MatchEvidence | null {
  const hit = (left: string, right: string): MatchEvidence => ({ ruleId: rule.id, attribute: rule.attribute, weight: rule.weight, left, right });
  const miss = (left: string, right: string): MatchEvidence | null =>
    rule.mismatchWeight > 0 ? { ruleId: rule.id, attribute: rule.attribute, weight: -rule.mismatchWeight, left, right } : null;
  const text = (x: string, y: string, codesX: string[], codesY: string[]): MatchEvidence | null => {
    if (!x || !y) return null;
    const fires = rule.comparator === 'exact' ? x === y : rule.comparator === 'phonetic' ? overlaps(codesX, codesY) : similarity(x, y) >= rule.minSimilarity;
    return fires ? hit(x, y) : miss(x, y);
  };
  switch (rule.attribute) {
    case 'phone':
    case 'email': {
      const [x, y] = rule.attribute === 'phone' ? [a.phones, b.phones] : [a.emails, b.emails];
      if (x.length === 0 || y.length === 0) return null;
      const same = shared(x, y);
      return same ? hit(same, same) : miss(x.join(', '), y.join(', '));
    }
    case 'family_name':
      return text(a.family, names.family, a.familyCodes, names.familyCodes);
    case 'given_name':
      return text(a.given, names.given, a.givenCodes, names.givenCodes);
    case 'birth_date':
      return text(a.birthDate, b.birthDate, [], []);
    case 'address':
      return text(a.address, b.address, [], []);
    case 'organisation_name':
      return text(a.organisation, b.organisation, a.organisationCodes, b.organisationCodes);
  }
}

const NAME_ATTRIBUTES = new Set<MatchAttribute>(['given_name', 'family_name']);

function sum(evidence: readonly MatchEvidence[]): number {
  let s = 0;
  for (const e of evidence) s += e.weight;
  return s;
}

/**
 * Scores a pair under the rules. Persons' names are compared as written and with given and
 * family swapped ("Nguyen Carol" typed for "Carol Nguyen"); the better reading counts. A person
 * never matches an organisation.
 */
export function scorePair(a: MatchKeys, b: MatchKeys, settings: MatchSettings): PairVerdict {
  if (a.kind !== b.kind) return { score: 0, decision: 'distinct', evidence: [] };
  const rules = settings.rules.filter((r) => r.enabled);
  const other: NameSide = b;
  const swapped: NameSide = { given: b.family, family: b.given, givenCodes: b.familyCodes, familyCodes: b.givenCodes };
  const evidence: MatchEvidence[] = [];
  const asWritten: MatchEvidence[] = [];
  const crossed: MatchEvidence[] = [];
  for (const rule of rules) {
    if (NAME_ATTRIBUTES.has(rule.attribute)) {
      if (a.kind !== 'person') continue;
      const straight = apply(rule, a, b, other);
      if (straight) asWritten.push(straight);
      const turned = apply(rule, a, b, swapped);
      if (turned) crossed.push(turned);
    } else {
      const e = apply(rule, a, b, other);
      if (e) evidence.push(e);
    }
  }
  evidence.push(...(sum(crossed) > sum(asWritten) ? crossed : asWritten));
  // Evidence against an attribute counts only when no rule found it alike ("Prya" is not
  // "Priya" by sound but is by spelling): a typo must not outweigh the rest.
  const alike = new Set(evidence.filter((e) => e.weight > 0).map((e) => e.attribute));
  const kept = evidence.filter((e) => e.weight > 0 || !alike.has(e.attribute));
  evidence.length = 0;
  evidence.push(...kept);
  const score = Math.round(sum(evidence) * 100) / 100;
  const decision = score >= settings.sureThreshold ? 'sure' : score >= settings.reviewThreshold ? 'review' : 'distinct';
  return { score, decision, evidence };
}
