import type { CustomerMergeSummary, IdentityCandidate, MatchSettings, MergeField, SurvivorshipRule } from '@ringside/shared';
import type { HttpClient } from '../../api/http-client.js';

/** Open candidate pairs, best score first. */
export async function listCandidates(http: HttpClient, signal?: AbortSignal): Promise<IdentityCandidate[]> {
  const body = await http.get<{ candidates?: IdentityCandidate[] }>('/api/identity/candidates', signal ? { signal } : {});
  if (!Array.isArray(body.candidates)) throw new Error('the server sent no candidates');
  return body.candidates;
}

/** Records "not a duplicate" (remembered) or "skip" on a candidate. */
export async function reviewCandidate(http: HttpClient, id: string, decision: 'not-duplicate' | 'skip'): Promise<void> {
  await http.post(`/api/identity/candidates/${encodeURIComponent(id)}/${decision}`, {});
}

/** Enqueues a full duplicate scan. */
export function startScan(http: HttpClient): Promise<{ jobId: string }> {
  return http.post<{ jobId: string }>('/api/identity/scans', {});
}

/** A merge as the merge page sends it. */
export interface MergeInput {
  survivorId: string;
  mergedId: string;
  survivorVersion: number;
  mergedVersion: number;
  rule: SurvivorshipRule;
  choices: Partial<Record<MergeField, 'survivor' | 'merged'>>;
}

export async function mergeCustomers(http: HttpClient, input: MergeInput): Promise<CustomerMergeSummary> {
  return (await http.post<{ merge: CustomerMergeSummary }>('/api/identity/merges', input)).merge;
}

export async function undoMerge(http: HttpClient, id: string): Promise<CustomerMergeSummary> {
  return (await http.post<{ merge: CustomerMergeSummary }>(`/api/identity/merges/${encodeURIComponent(id)}/undo`, {})).merge;
}

/** The merges still in effect whose survivor is `survivorId`, newest first. */
export async function mergesInto(http: HttpClient, survivorId: string, signal?: AbortSignal): Promise<CustomerMergeSummary[]> {
  const body = await http.get<{ merges?: CustomerMergeSummary[] }>('/api/identity/merges', { query: { survivorId, status: 'merged' }, ...(signal ? { signal } : {}) });
  return body.merges ?? [];
}

/** The matching rules and thresholds in force. */
export async function getMatchSettings(http: HttpClient, signal?: AbortSignal): Promise<MatchSettings> {
  return (await http.get<{ settings: MatchSettings }>('/api/identity/settings', signal ? { signal } : {})).settings;
}

/** Saves the rules (admins); the server validates them whole. */
export async function saveMatchSettings(http: HttpClient, settings: MatchSettings): Promise<MatchSettings> {
  return (await http.request<{ settings: MatchSettings }>('/api/identity/settings', { method: 'PUT', body: settings })).settings;
}

/** Back to the shipped defaults (admins). */
export async function resetMatchSettings(http: HttpClient): Promise<MatchSettings> {
  return (await http.request<{ settings: MatchSettings }>('/api/identity/settings', { method: 'DELETE' })).settings;
}
