import type { ConsentEvent, ConsentRecordInput, CustomerConsent, PartyRelationships, RelationshipInput } from '@ringside/shared';
import type { HttpClient } from '../../api/http-client.js';
import { isApiError } from '../../api/api-error.js';
import { t } from '../../i18n/t.js';
import { errorText } from '../../session/error-text.js';

const base = (id: string) => `/api/customers/${encodeURIComponent(id)}`;

/** Consent per contact point with the ledger's history. */
export function getConsent(http: HttpClient, id: string, signal?: AbortSignal): Promise<CustomerConsent> {
  return http.get<CustomerConsent>(`${base(id)}/consent`, signal ? { signal } : {});
}

/** Records one grant or withdrawal. */
export async function recordConsent(http: HttpClient, id: string, input: ConsentRecordInput): Promise<ConsentEvent> {
  return (await http.post<{ event: ConsentEvent }>(`${base(id)}/consent`, input)).event;
}

/** Relationships of a party, both directions. */
export function getRelationships(http: HttpClient, id: string, signal?: AbortSignal): Promise<PartyRelationships> {
  return http.get<PartyRelationships>(`${base(id)}/relationships`, signal ? { signal } : {});
}

/** Adds a relationship; one end is the party `id`. */
export function addRelationship(http: HttpClient, id: string, input: RelationshipInput): Promise<PartyRelationships> {
  return http.post<PartyRelationships>(`${base(id)}/relationships`, input);
}

/** Ends a relationship today. */
export function endRelationship(http: HttpClient, id: string, relationshipId: string): Promise<PartyRelationships> {
  return http.post<PartyRelationships>(`${base(id)}/relationships/${encodeURIComponent(relationshipId)}/end`, {});
}

/** The sentence for a failed consent or relationship call, naming the codes these panels expect. */
export function partyErrorText(err: unknown): string {
  if (isApiError(err, 'CONSENT_EVIDENCE_REQUIRED')) return t('party.error.evidence');
  if (isApiError(err, 'RELATIONSHIP_CYCLE')) return t('party.error.cycle');
  if (isApiError(err, 'PRIMARY_CONTACT_TAKEN')) return t('party.error.primary');
  if (isApiError(err, 'CONFLICT')) return t('party.error.duplicate');
  if (isApiError(err, 'INVALID_INPUT')) return t('party.error.invalid', { detail: err instanceof Error ? err.message : '' });
  return errorText(err);
}
