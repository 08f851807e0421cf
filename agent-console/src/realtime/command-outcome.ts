import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@ringside/shared';
import { t } from '../i18n/t.js';

/**
 * Why a command failed: a server code, or one the console decides itself: NETWORK (no socket),
 * TIMEOUT (no ack in time; the action may still have happened), MIC_DENIED, MIC_MISSING and
 * NOT_SUPPORTED (the phone driver refused).
 */
export type CommandErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT' | 'MIC_DENIED' | 'MIC_MISSING' | 'NOT_SUPPORTED';

/** The failure half of a command result, shaped like the server's ErrorBody. */
export interface CommandError {
  code: CommandErrorCode;
  message: string;
  issues: FieldIssue[];
}

/** What every command and phone action resolves with: never a rejection. */
export type CommandOutcome<T = unknown> = { ok: true; data?: T } | { ok: false; error: CommandError };

/** Builds a failed outcome. */
export function failure(code: CommandErrorCode, message: string, issues: FieldIssue[] = []): { ok: false; error: CommandError } {
  return { ok: false, error: { code, message, issues } };
}

const serverCodes = new Set<string>(ERROR_CODES);

/** Reads an ack defensively: a server that answers with something else is an INTERNAL failure, not a crash. */
export function readAck<T>(value: unknown): CommandOutcome<T> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return failure('INTERNAL', 'malformed acknowledgement');
  const v = value as { ok: unknown; data?: unknown; error?: unknown };
  if (v.ok === true) return v.data === undefined ? { ok: true } : { ok: true, data: v.data as T };
  const e = (typeof v.error === 'object' && v.error !== null ? v.error : {}) as { code?: unknown; message?: unknown; issues?: unknown };
  const code = typeof e.code === 'string' && serverCodes.has(e.code) ? (e.code as ErrorCode) : 'INTERNAL';
  const issues = Array.isArray(e.issues)
    ? e.issues.filter((i): i is FieldIssue => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string')
    : [];
  return failure(code, typeof e.message === 'string' ? e.message : code, issues);
}

/** The sentence an agent reads when a command fails. */
export function commandErrorText(error: CommandError): string {
  switch (error.code) {
    case 'NETWORK':
      return t('command.error.offline');
    case 'TIMEOUT':
      return t('command.error.timeout');
    case 'MIC_DENIED':
      return t('phone.error.micDenied');
    case 'MIC_MISSING':
      return t('phone.error.micMissing');
    case 'NOT_SUPPORTED':
      return t('phone.error.notSupported');
    case 'INVALID_INPUT':
      return t('command.error.invalid', { detail: error.issues.map((i) => i.message).join('; ') || error.message });
    case 'FORBIDDEN':
      return t('error.forbidden');
    case 'CALL_NOT_FOUND':
      return t('command.error.callGone');
    case 'AGENT_BUSY':
      return t('command.error.agentBusy');
    case 'ILLEGAL_TRANSITION':
      return t('command.error.illegal');
    case 'QUEUE_NOT_ALLOWED':
    case 'QUEUE_MEMBER_STATIC':
    case 'CONTACT_NOT_ALLOWED':
    case 'RATE_LIMITED':
      // The server's sentence names the queue (the wait, or the withdrawn consent) and what to do instead.
      return error.message;
    case 'PBX_UNAVAILABLE':
    case 'PBX_TIMEOUT':
      return t('command.error.pbxDown');
    case 'PBX_REJECTED':
      return t('command.error.pbxRejected', { detail: error.message });
    default:
      return t('error.unexpected', { code: error.code });
  }
}
