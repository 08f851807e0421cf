import { z } from 'zod';
import { safeText } from './validation.js';
import type { MatchEvidence } from './identity.js';
import type { Customer } from './customers.js';

/** The kinds of value an admin-defined customer attribute holds. */
export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'choice'] as const;
/** One attribute type. */
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** An attribute's key: what the API and the search filter name it by; fixed once created. */
export const attributeKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter (at most 40)');

const label = safeText(100).min(1, 'required');
const options = z.array(safeText(100).min(1, 'required')).max(100);

/** Choice attributes need at least one option, all different; other types take none. */
function optionIssues(type: AttributeType | undefined, list: string[] | undefined, ctx: z.RefinementCtx): void {
  if (type === 'choice' && list !== undefined && list.length === 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice needs at least one option' });
  if (type !== undefined && type !== 'choice' && list !== undefined && list.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only a choice has options' });
  if (list && new Set(list).size !== list.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must be different' });
}

/** Body of POST /api/customer-attributes (admins). */
export const attributeDefinitionInputSchema = z
  .object({
    key: attributeKeySchema,
    label,
    type: z.enum(ATTRIBUTE_TYPES),
    options: options.default([]),
    required: z.boolean().default(false),
  })
  .strict()
  .superRefine((d, ctx) => optionIssues(d.type, d.options, ctx));
/** A definition to create, as sent. */
export type AttributeDefinitionInput = z.input<typeof attributeDefinitionInputSchema>;

/** Body of PATCH /api/customer-attributes/:key: key and type never change (stored values were checked against them). */
export const attributeDefinitionPatchSchema = z
  .object({ label, options, required: z.boolean(), active: z.boolean() })
  .partial()
  .strict();
/** A definition change, as sent. */
export type AttributeDefinitionPatch = z.infer<typeof attributeDefinitionPatchSchema>;

/** A stored attribute definition. Inactive ones refuse new values; values already stored are kept and shown. */
export interface AttributeDefinition {
  key: string;
  label: string;
  type: AttributeType;
  options: string[];
  required: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One attribute's value: text, a date YYYY-MM-DD and a choice are strings, a number is a number. */
export type AttributeValue = string | number;

/**
 * Attribute values on a customer write, checked against the definitions by the server (type,
 * choice membership, required). On PATCH, keys absent are unchanged and null removes a value.
 */
export const attributeValuesSchema = z
  .record(z.string().max(40), z.union([safeText(1000), z.number(), z.null()]))
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 attributes');
/** Attribute values as sent. */
export type AttributeValuesInput = z.infer<typeof attributeValuesSchema>;

/** What DELETE /api/customer-attributes/:key did: deleted when no customer had a value, else deactivated with the values kept. */
export interface AttributeRemoval {
  outcome: 'deleted' | 'deactivated';
  /** Customers holding a value (kept) when it was deactivated. */
  valuesKept: number;
  definition: AttributeDefinition | null;
}

/** A likely duplicate of a draft: the stored customer, its score and the rules that fired. */
export interface DuplicateCandidate {
  customer: Customer;
  score: number;
  decision: 'sure' | 'review';
  evidence: MatchEvidence[];
}

/** Reply of POST /api/customers/duplicate-check, best candidate first. */
export interface DuplicateCheckResult {
  candidates: DuplicateCandidate[];
}
