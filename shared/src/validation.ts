import { z } from 'zod';
import { RingsideError, type FieldErrorCode, type FieldIssue } from './errors.js';

/** Control characters (C0, DEL, C1) that must never reach AMI, a dial plan or a log line. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** A single-line, trimmed text field with no control characters. */
export function safeText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters (CR, LF, ...)' });
}

/** Multi-line free text (notes): newlines and tabs allowed, other control characters refused. */
export function notesText(max: number) {
  return z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s), {
      message: 'must not contain control characters',
    });
}

/** Turns zod issues into the field issues of an INVALID_INPUT error. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    // Refinements carry their stable code in params (see fieldCode); other issues have none.
    const code = i.code === 'custom' ? (i.params as { code?: FieldErrorCode } | undefined)?.code : undefined;
    return code ? { path, message: i.message, code } : { path, message: i.message };
  });
}

/** Parses with a schema or throws INVALID_INPUT listing every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error);
  throw new RingsideError('INVALID_INPUT', `invalid input: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}`, issues);
}
