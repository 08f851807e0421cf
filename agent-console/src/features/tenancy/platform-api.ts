import type { CreateTenantRequest, JobRun, SessionUser, TenantDeleteReply, TenantSummary, TenantUsage, UpdateTenantRequest } from '@ringside/shared';
import type { HttpClient } from '../../api/http-client.js';

/** Every tenant of the platform (operators only). */
export async function listTenants(http: HttpClient, signal?: AbortSignal): Promise<TenantSummary[]> {
  const { tenants } = await http.get<{ tenants: TenantSummary[] }>('/api/platform/tenants', signal ? { signal } : {});
  return tenants;
}

/** Creates a tenant (TENANT_EXISTS for a taken slug). */
export async function createTenant(http: HttpClient, body: CreateTenantRequest): Promise<TenantSummary> {
  return (await http.post<{ tenant: TenantSummary }>('/api/platform/tenants', body)).tenant;
}

/** Changes name or limits. */
export async function updateTenant(http: HttpClient, id: string, body: UpdateTenantRequest): Promise<TenantSummary> {
  return (await http.patch<{ tenant: TenantSummary }>(`/api/platform/tenants/${encodeURIComponent(id)}`, body)).tenant;
}

/** Suspends (its sessions end) or reactivates a tenant. */
export async function setSuspended(http: HttpClient, id: string, suspended: boolean): Promise<TenantSummary> {
  return (await http.post<{ tenant: TenantSummary }>(`/api/platform/tenants/${encodeURIComponent(id)}/${suspended ? 'suspend' : 'reactivate'}`)).tenant;
}

/** Starts the deletion job of a tenant. */
export function deleteTenant(http: HttpClient, id: string): Promise<TenantDeleteReply> {
  return http.request<TenantDeleteReply>(`/api/platform/tenants/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** A tenant's usage figures. */
export function tenantUsage(http: HttpClient, id: string, signal?: AbortSignal): Promise<TenantUsage> {
  return http.get<TenantUsage>(`/api/platform/tenants/${encodeURIComponent(id)}/usage`, signal ? { signal } : {});
}

/** A deletion job's state and progress. */
export function platformJob(http: HttpClient, id: string): Promise<JobRun> {
  return http.get<JobRun>(`/api/platform/jobs/${encodeURIComponent(id)}`);
}

/** Moves this session to another tenant of the user's; answers the user as they are there. */
export async function switchTenant(http: HttpClient, tenantId: string): Promise<SessionUser> {
  return (await http.post<{ user: SessionUser }>('/api/auth/tenant', { tenantId })).user;
}
