import { isApiError } from '../../api/api-error.js';
import { errorText } from '../../session/error-text.js';

const EXPLAINED = new Set(['MERGE_SELF', 'MERGE_TARGET_MERGED', 'VERSION_CONFLICT', 'MERGE_NOT_FOUND', 'UNMERGE_CONFLICT', 'CANDIDATE_NOT_FOUND', 'INVALID_INPUT']);

/** The server's own sentence for merge errors (it names what is in the way); the usual texts otherwise. */
export function identityErrorText(err: unknown): string {
  return isApiError(err) && EXPLAINED.has(err.code) ? err.message : errorText(err);
}
