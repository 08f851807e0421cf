import type {
  DialPlanDiffReply,
  DialPlanDraftReply,
  DialPlanInput,
  DialPlanVersion,
  DialPlanVersionReply,
  DialPlanVersionsReply,
  PublishRequest,
  RollbackRequest,
} from '@ringside/shared';
import type { HttpClient } from '../../api/http-client.js';

/** The shared draft with its problems as the server sees them. */
export function getDraft(http: HttpClient, signal?: AbortSignal): Promise<DialPlanDraftReply> {
  return http.get<DialPlanDraftReply>('/api/dialplan/draft', signal ? { signal } : {});
}

/** Stores the draft; a schema-invalid plan is refused with INVALID_INPUT and dotted issue paths. */
export function saveDraft(http: HttpClient, plan: DialPlanInput): Promise<DialPlanDraftReply> {
  return http.request<DialPlanDraftReply>('/api/dialplan/draft', { method: 'PUT', body: { plan } });
}

/** The Asterisk files the live version and the saved draft render to. */
export function getDiff(http: HttpClient, signal?: AbortSignal): Promise<DialPlanDiffReply> {
  return http.get<DialPlanDiffReply>('/api/dialplan/diff', signal ? { signal } : {});
}

/** Publishes the saved draft as a new version (CONFLICT when someone else published meanwhile). */
export async function publishDraft(http: HttpClient, body: PublishRequest): Promise<DialPlanVersion> {
  const { version } = await http.post<DialPlanVersionReply>('/api/dialplan/publish', body);
  return version;
}

/** Published versions, newest first. */
export async function listVersions(http: HttpClient, signal?: AbortSignal): Promise<DialPlanVersion[]> {
  const { items } = await http.get<DialPlanVersionsReply>('/api/dialplan/versions', signal ? { signal } : {});
  return items;
}

/** Publishes an old version's content again as a new, applied version. */
export async function rollbackTo(http: HttpClient, number: number, body: RollbackRequest): Promise<DialPlanVersion> {
  const { version } = await http.post<DialPlanVersionReply>(`/api/dialplan/versions/${number}/rollback`, body);
  return version;
}
