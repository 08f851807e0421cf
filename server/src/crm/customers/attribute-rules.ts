import { RingsideError, type AttributeDefinition, type AttributeValue, type AttributeValuesInput, type FieldIssue } from '@ringside/shared';
import type { ChangeEntry } from './change-history.js';

/** Attribute values that passed the definitions: what to store, and the keys a patch clears. */
export interface CheckedAttributes {
  set: Record<string, AttributeValue>;
  remove: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(s: string): boolean {
  return ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

/** Why a value does not fit its definition, or null when it fits. */
function valueProblem(def: AttributeDefinition, value: string | number): string | null {
  switch (def.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${def.label} must be a number`;
    case 'date':
      return typeof value === 'string' && isDate(value) ? null : `${def.label} must be a date YYYY-MM-DD`;
    case 'choice':
      return typeof value === 'string' && def.options.includes(value) ? null : `${def.label} must be one of: ${def.options.join(', ')}`;
    case 'text':
      return typeof value === 'string' ? null : `${def.label} must be text`;
  }
}

/**
 * Checks attribute values against the definitions: the key must name an active definition, the
 * value its type (a choice one of its options), and a required attribute must be given on create
 * and may not be cleared. Blank text counts as clearing. Every problem is reported at once as
 * INVALID_INPUT with one issue per attribute (`attributes.<key>`), so nothing is half-saved.
 */
export function checkAttributes(definitions: readonly AttributeDefinition[], values: AttributeValuesInput | undefined, mode: 'create' | 'update'): CheckedAttributes {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const issues: FieldIssue[] = [];
  const out: CheckedAttributes = { set: {}, remove: [] };
  const given = values ?? {};
  for (const [key, raw] of Object.entries(given)) {
    const def = byKey.get(key);
    const value = typeof raw === 'string' && raw.trim() === '' ? null : typeof raw === 'string' ? raw.trim() : raw;
    if (value === null) {
      // Clearing is allowed on a deactivated definition: it is how an admin's old values go away.
      if (def?.active && def.required) issues.push({ path: `attributes.${key}`, message: `${def.label} is required`, code: 'ATTRIBUTE_REQUIRED' });
      else out.remove.push(key);
      continue;
    }
    if (!def || !def.active) {
      issues.push({ path: `attributes.${key}`, message: `no active customer attribute "${key}"`, code: 'ATTRIBUTE_UNKNOWN' });
      continue;
    }
    const problem = valueProblem(def, value);
    if (problem) issues.push({ path: `attributes.${key}`, message: problem, code: 'ATTRIBUTE_INVALID' });
    else out.set[key] = value;
  }
  if (mode === 'create') {
    for (const def of definitions) {
      if (def.active && def.required && !(def.key in out.set) && !issues.some((i) => i.path === `attributes.${def.key}`)) {
        issues.push({ path: `attributes.${def.key}`, message: `${def.label} is required`, code: 'ATTRIBUTE_REQUIRED' });
      }
    }
  }
  if (issues.length) throw new RingsideError('INVALID_INPUT', `invalid attributes: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  return out;
}

/** A search filter's value in its definition's type: a number attribute matches the number 42, not the text "42". */
export function attributeFilterValue(def: AttributeDefinition | undefined, key: string, value: string): AttributeValue {
  if (!def) throw new RingsideError('INVALID_INPUT', `no customer attribute "${key}"`, [{ path: 'attribute', message: `no customer attribute "${key}"`, code: 'ATTRIBUTE_UNKNOWN' }]);
  if (def.type !== 'number') return value;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new RingsideError('INVALID_INPUT', `${def.label} must be a number`, [{ path: 'value', message: `${def.label} must be a number`, code: 'ATTRIBUTE_INVALID' }]);
  return n;
}

/** Stored values after a checked patch: given keys set, null ones removed. */
export function mergeAttributes(before: Record<string, AttributeValue>, patch: Record<string, AttributeValue | null>): Record<string, AttributeValue> {
  const out = { ...before };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** One history entry per attribute whose value differs, as field `attributes.<key>`. */
export function attributeChanges(base: Omit<ChangeEntry, 'field' | 'oldValue' | 'newValue' | 'action'>, before: Record<string, AttributeValue>, after: Record<string, AttributeValue>): ChangeEntry[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => before[k] !== after[k])
    .map((k) => ({ ...base, action: 'update' as const, field: `attributes.${k}`, oldValue: before[k] ?? null, newValue: after[k] ?? null }));
}
