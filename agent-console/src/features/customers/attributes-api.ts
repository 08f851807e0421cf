import { useEffect, useState } from 'react';
import type {
  AttributeDefinition,
  AttributeDefinitionInput,
  AttributeDefinitionPatch,
  AttributeRemoval,
  DuplicateCandidate,
  DuplicateCheckInput,
} from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import type { HttpClient } from '../../api/http-client.js';

/** Every attribute definition, active and deactivated, in the admins' order. */
export async function listAttributes(http: HttpClient, signal?: AbortSignal): Promise<AttributeDefinition[]> {
  const { attributes } = await http.get<{ attributes?: AttributeDefinition[] }>('/api/customer-attributes', signal ? { signal } : {});
  if (!Array.isArray(attributes)) throw new Error('the server sent no attribute list');
  return attributes;
}

/** Defines a new attribute (admins). */
export async function createAttribute(http: HttpClient, input: AttributeDefinitionInput): Promise<AttributeDefinition> {
  return (await http.post<{ attribute: AttributeDefinition }>('/api/customer-attributes', input)).attribute;
}

/** Changes label, options, required or active (admins). */
export async function updateAttribute(http: HttpClient, key: string, patch: AttributeDefinitionPatch): Promise<AttributeDefinition> {
  return (await http.patch<{ attribute: AttributeDefinition }>(`/api/customer-attributes/${encodeURIComponent(key)}`, patch)).attribute;
}

/** Removes an unused definition, or deactivates one whose values are in use (admins). */
export function removeAttribute(http: HttpClient, key: string): Promise<AttributeRemoval> {
  return http.request<AttributeRemoval>(`/api/customer-attributes/${encodeURIComponent(key)}`, { method: 'DELETE' });
}

/** Likely duplicates of a draft, best first. */
export async function checkDuplicates(http: HttpClient, draft: DuplicateCheckInput): Promise<DuplicateCandidate[]> {
  return (await http.post<{ candidates: DuplicateCandidate[] }>('/api/customers/duplicate-check', draft)).candidates;
}

/**
 * The attribute definitions for a form or the 360 page; null while loading. A failed load
 * leaves an empty list: the customer's own fields still work without attributes.
 */
export function useAttributeDefinitions(refreshKey: unknown = null): AttributeDefinition[] | null {
  const http = useApi();
  const [definitions, setDefinitions] = useState<AttributeDefinition[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    listAttributes(http, controller.signal).then(setDefinitions, () => {
      if (!controller.signal.aborted) setDefinitions([]);
    });
    return () => controller.abort();
  }, [http, refreshKey]);
  return definitions;
}
