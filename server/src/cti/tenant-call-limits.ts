import { RingsideError } from '@ringside/shared';

/**
 * A tenant's concurrent-call limit, asked before the CTI starts a call for one of its users
 * (click-to-dial, the dialer's originates). `liveCalls` is what the CTI counts on the switch now
 * for that tenant. Resolves when the call may start; rejects with a RingsideError (the platform's
 * limit code) when it may not.
 */
export interface TenantCallLimits {
  check(tenantId: string, liveCalls: number): Promise<void>;
}

/** No limit: every call may start (a single-tenant install, or before the platform's limits are wired). */
export const ALLOW_ALL_CALLS: TenantCallLimits = { check: () => Promise.resolve() };

/** Limits from a function the platform provides (TenantService.canStartCall or the like): false refuses. */
export function callLimitsFrom(canStartCall: (tenantId: string, liveCalls: number) => boolean | Promise<boolean>): TenantCallLimits {
  return {
    async check(tenantId, liveCalls) {
      if (!(await canStartCall(tenantId, liveCalls))) {
        throw new RingsideError('TENANT_LIMIT_EXCEEDED', `your organisation has ${liveCalls} calls in progress, its limit; try again when one ends`);
      }
    },
  };
}
