/** Stable error codes: the only error vocabulary that crosses a boundary (REST body, socket ack, log). */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'ORIGIN_NOT_ALLOWED',
  'INVALID_CREDENTIALS',
  'WRONG_PASSWORD',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'CONFLICT',
  'CUSTOMER_NOT_FOUND',
  'CONTACT_POINT_NOT_FOUND',
  'CONSENT_EVIDENCE_REQUIRED',
  'RELATIONSHIP_NOT_FOUND',
  'RELATIONSHIP_CYCLE',
  'PRIMARY_CONTACT_TAKEN',
  'DUPLICATE_SUSPECTED',
  'ATTRIBUTE_NOT_FOUND',
  'ATTRIBUTE_EXISTS',
  'MERGE_SELF',
  'MERGE_TARGET_MERGED',
  'VERSION_CONFLICT',
  'MERGE_NOT_FOUND',
  'UNMERGE_CONFLICT',
  'CANDIDATE_NOT_FOUND',
  'TENANT_NOT_FOUND',
  'TENANT_EXISTS',
  'TENANT_SUSPENDED',
  'NOT_A_MEMBER',
  'TENANT_LIMIT_EXCEEDED',
  'TENANT_SCOPE_MISSING',
  'CALL_NOT_FOUND',
  'AGENT_NOT_FOUND',
  'AGENT_BUSY',
  'QUEUE_NOT_ALLOWED',
  'CONTACT_NOT_ALLOWED',
  'QUEUE_MEMBER_STATIC',
  'ILLEGAL_TRANSITION',
  'PBX_UNAVAILABLE',
  'PBX_TIMEOUT',
  'PBX_REJECTED',
  'DB_UNAVAILABLE',
  'JOB_NOT_FOUND',
  'JOB_FAILED',
  'CONFIG_INVALID',
  'INTERNAL',
] as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status for each code, mapped in exactly one place. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  WRONG_PASSWORD: 400,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  CONTACT_POINT_NOT_FOUND: 404,
  RELATIONSHIP_NOT_FOUND: 404,
  CONSENT_EVIDENCE_REQUIRED: 400,
  RELATIONSHIP_CYCLE: 409,
  PRIMARY_CONTACT_TAKEN: 409,
  DUPLICATE_SUSPECTED: 409,
  ATTRIBUTE_NOT_FOUND: 404,
  ATTRIBUTE_EXISTS: 409,
  MERGE_SELF: 400,
  MERGE_TARGET_MERGED: 409,
  VERSION_CONFLICT: 409,
  MERGE_NOT_FOUND: 404,
  UNMERGE_CONFLICT: 409,
  CANDIDATE_NOT_FOUND: 404,
  TENANT_NOT_FOUND: 404,
  TENANT_EXISTS: 409,
  TENANT_SUSPENDED: 403,
  NOT_A_MEMBER: 403,
  TENANT_LIMIT_EXCEEDED: 409,
  TENANT_SCOPE_MISSING: 500,
  CALL_NOT_FOUND: 404,
  AGENT_NOT_FOUND: 404,
  CONFLICT: 409,
  AGENT_BUSY: 409,
  QUEUE_NOT_ALLOWED: 403,
  CONTACT_NOT_ALLOWED: 403,
  QUEUE_MEMBER_STATIC: 409,
  ILLEGAL_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  JOB_FAILED: 500,
  CONFIG_INVALID: 500,
  PBX_REJECTED: 502,
  PBX_UNAVAILABLE: 503,
  DB_UNAVAILABLE: 503,
  PBX_TIMEOUT: 504,
};

/** A field-level problem inside an INVALID_INPUT error. */
export interface FieldIssue {
  path: string;
  message: string;
  /** A stable code for the kind of bad value (INVALID_PHONE, INVALID_COUNTRY, ...) when the field has one. */
  code?: FieldErrorCode;
}

/** Stable codes of bad field values inside an INVALID_INPUT error; clients switch on these, never on messages. */
export const FIELD_ERROR_CODES = [
  'INVALID_PHONE',
  'INVALID_EMAIL',
  'INVALID_COUNTRY',
  'INVALID_DATE',
  'INVALID_DATE_RANGE',
  'INVALID_LANGUAGE',
  'INVALID_TIME_ZONE',
  'INVALID_ADDRESS',
  'DUPLICATE_PRIMARY',
  'ATTRIBUTE_UNKNOWN',
  'ATTRIBUTE_INVALID',
  'ATTRIBUTE_REQUIRED',
] as const;

/** One of the stable field error codes. */
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** The JSON body of every error reply and every failed socket ack. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[]; details?: Record<string, unknown> };
}

/** A domain error with a stable code; adapters translate library errors into these. */
export class RingsideError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    /** What a client needs to act on the error (DUPLICATE_SUSPECTED: the candidates). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RingsideError';
  }

  /** The wire form of this error. */
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}), ...(this.details ? { details: this.details } : {}) } };
  }
}

/** True when the value is a RingsideError (also across module copies). */
export function isRingsideError(value: unknown): value is RingsideError {
  return value instanceof RingsideError || (value instanceof Error && value.name === 'RingsideError' && 'code' in value);
}
