import type { Customer, CustomerChange, CustomerInput, CustomerPatch, Interaction } from '@ringside/shared';
import type { HttpClient } from '../../api/http-client.js';

/** One page of search results. */
export interface CustomerPage {
  items: Customer[];
  /** Matches counted; the server stops counting at 100. */
  total: number;
  /** False when there are more matches than `total`. */
  totalExact: boolean;
}

/** A customer with the timeline of interactions, newest first as the server sends it. */
export interface CustomerRecord {
  customer: Customer;
  interactions: Interaction[];
  /** Set when the id asked for was merged into `customer`: the server answered with the survivor. */
  mergedFrom?: string;
}

/** Searches names, email and phone numbers in any format; an empty query lists everyone. */
export function searchCustomers(
  http: HttpClient,
  query: { q: string; limit: number; offset: number },
  signal?: AbortSignal,
): Promise<CustomerPage> {
  return http.get<CustomerPage>('/api/customers', { query, ...(signal ? { signal } : {}) });
}

/** The customer 360 record. */
export function getCustomer(http: HttpClient, id: string, signal?: AbortSignal): Promise<CustomerRecord> {
  return http.get<CustomerRecord>(`/api/customers/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/** Creates a customer from a body the shared schema accepted. */
export async function createCustomer(http: HttpClient, input: CustomerInput): Promise<Customer> {
  const { customer } = await http.post<{ customer: Customer }>('/api/customers', input);
  return customer;
}

/** Updates a customer; the console sends every field it shows and the full contact-point list. */
export async function updateCustomer(http: HttpClient, id: string, patch: CustomerPatch): Promise<Customer> {
  const { customer } = await http.patch<{ customer: Customer }>(`/api/customers/${encodeURIComponent(id)}`, patch);
  return customer;
}

/** The customer's change history, newest first; a reply without a list is an error, never an empty history. */
export async function getCustomerHistory(http: HttpClient, id: string, signal?: AbortSignal): Promise<CustomerChange[]> {
  const body = await http.get<{ changes?: CustomerChange[] }>(`/api/customers/${encodeURIComponent(id)}/history`, signal ? { signal } : {});
  if (!Array.isArray(body.changes)) throw new Error('the server sent no history');
  return body.changes;
}
