import {
  MIN_PASSWORD_LENGTH,
  userCreateSchema,
  userPatchSchema,
  type FieldIssue,
  type ManagedUser,
  type Role,
  type UserCreateRequest,
  type UserPatchRequest,
} from '@ringside/shared';
import { t } from '../../i18n/t.js';

/** Field errors by issue path (`username`, `agent.extension`). */
export type FieldErrors = Record<string, string>;

/** The agent part of a form: whether the user takes calls, and on which phone. */
export interface AgentValues {
  isAgent: boolean;
  endpoint: string;
  extension: string;
}

/** The create form as typed. */
export interface CreateValues extends AgentValues {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

/** The edit form as typed; a blank password means "keep the current one". */
export interface EditValues extends AgentValues {
  displayName: string;
  role: Role;
  active: boolean;
  password: string;
}

/** An empty create form: a new agent with a phone is the common case in a call center. */
export const emptyCreateValues = (): CreateValues => ({
  username: '',
  displayName: '',
  role: 'agent',
  password: '',
  isAgent: true,
  endpoint: '',
  extension: '',
});

/** The edit form filled from a listed user. */
export const editValuesFrom = (u: ManagedUser): EditValues => ({
  displayName: u.displayName,
  role: u.role,
  active: u.active,
  password: '',
  isAgent: u.agent !== null,
  endpoint: u.agent?.endpoint ?? '',
  extension: u.agent?.extension ?? '',
});

/**
 * The endpoint to show after the extension changed: it follows the extension while it still has
 * the usual `PJSIP/<extension>` form (or is empty), and is left alone once typed by hand.
 */
export function endpointFor(previous: AgentValues, extension: string): string {
  const derived = previous.endpoint === '' || previous.endpoint === `PJSIP/${previous.extension}`;
  return derived ? (extension === '' ? '' : `PJSIP/${extension}`) : previous.endpoint;
}

type LooseIssue = { code: string; path: PropertyKey[]; message: string; maximum?: unknown };

function issueText(issue: LooseIssue): string {
  const field = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'too_small':
      return field === 'password' ? t('users.validation.password', { min: MIN_PASSWORD_LENGTH }) : t('validation.required');
    case 'too_big':
      return t('validation.tooLong', { max: String(issue.maximum) });
    case 'invalid_format':
      if (field === 'username') return t('users.validation.username');
      if (field === 'agent.endpoint') return t('users.validation.endpoint');
      return t('validation.format');
    case 'custom':
      if (field === 'agent.extension') return t('users.validation.extension');
      return /control/.test(issue.message) ? t('validation.controlChars') : issue.message;
    default:
      return issue.message;
  }
}

function errorsOf(issues: LooseIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path.map(String).join('.')] ??= issueText(issue);
  return errors;
}

/** Validates the create form with the shared schema: the body to send, or the errors by field. */
export function validateCreate(v: CreateValues): { ok: true; body: UserCreateRequest } | { ok: false; errors: FieldErrors } {
  const result = userCreateSchema.safeParse({
    username: v.username,
    displayName: v.displayName,
    role: v.role,
    password: v.password,
    ...(v.isAgent ? { agent: { endpoint: v.endpoint, extension: v.extension } } : {}),
  });
  return result.success ? { ok: true, body: result.data } : { ok: false, errors: errorsOf(result.error.issues as unknown as LooseIssue[]) };
}

/**
 * The PATCH body for an edit: only what changed (a blank password changes nothing), validated
 * with the shared schema. An empty body means there is nothing to send.
 */
export function validateEdit(user: ManagedUser, v: EditValues): { ok: true; body: UserPatchRequest } | { ok: false; errors: FieldErrors } {
  const body: Record<string, unknown> = {};
  if (v.displayName !== user.displayName) body.displayName = v.displayName;
  if (v.role !== user.role) body.role = v.role;
  if (v.active !== user.active) body.active = v.active;
  if (v.password !== '') body.password = v.password;
  if (v.isAgent) {
    if (!user.agent || user.agent.endpoint !== v.endpoint || user.agent.extension !== v.extension) body.agent = { endpoint: v.endpoint, extension: v.extension };
  } else if (user.agent) {
    body.agent = null;
  }
  const result = userPatchSchema.safeParse(body);
  return result.success ? { ok: true, body: result.data } : { ok: false, errors: errorsOf(result.error.issues as unknown as LooseIssue[]) };
}

/** The server's INVALID_INPUT issues on the same fields the form shows. */
export function serverErrors(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}
