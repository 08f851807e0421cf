import { RingsideError, type TenantLimits } from '@ringside/shared';

/** The limits a tenant has, by id (the tenants row); null for an unknown tenant. */
export interface TenantLimitsSource {
  limitsOf(tenantId: string): Promise<TenantLimits | null>;
}

/** Which limit a check is about, with the words the error uses. */
const LIMIT_TEXT = {
  agents: 'agents',
  concurrentCalls: 'concurrent calls',
  storageMb: 'storage (MB)',
  messagesPerDay: 'messages per day',
} as const satisfies Record<keyof TenantLimits, string>;

/** True when `adding` more on top of `current` stays within `limit` (null: unlimited). */
export function withinLimit(limit: number | null, current: number, adding = 1): boolean {
  return limit === null || current + adding <= limit;
}

/** The error a refused action gets: it names the limit and its value, so an admin knows what to ask for. */
export function limitExceeded(which: keyof TenantLimits, limit: number, current: number): RingsideError {
  return new RingsideError('TENANT_LIMIT_EXCEEDED', `this tenant's limit of ${limit} ${LIMIT_TEXT[which]} is reached (now ${current}); ask the platform operator to raise it`, [
    { path: `limits.${which}`, message: `limit ${limit}` },
  ]);
}

/** May one more call start while `liveCalls` of the tenant are up? The pure rule the CTI asks through TenantLimitChecks. */
export function callAllowed(limits: TenantLimits, liveCalls: number): boolean {
  return withinLimit(limits.concurrentCalls, liveCalls);
}

/** The bytes a tenant may still store (null: unlimited, never below 0). */
export function storageRemaining(limits: TenantLimits, usedBytes: number): number | null {
  return limits.storageMb === null ? null : Math.max(0, limits.storageMb * 1024 * 1024 - usedBytes);
}

/** The port the CTI's dial/originate command asks before starting a call (TenantLimitChecks implements it). */
export interface CallLimitPort {
  /** May the tenant start one more call while `liveCalls` of its calls are up? */
  canStartCall(tenantId: string, liveCalls: number): Promise<boolean>;
}

/**
 * The per-tenant limits as the commands ask them: adding an agent, starting a call, storing a file,
 * sending a message. Reads the limits on every check (one indexed row), so a raised limit applies
 * at once on every node.
 */
export class TenantLimitChecks implements CallLimitPort {
  constructor(
    private readonly source: TenantLimitsSource,
    /** Bytes the tenant stores on disk now (its import files). */
    private readonly storageUsed: (tenantId: string) => Promise<number> = async () => 0,
  ) {}

  private async limits(tenantId: string): Promise<TenantLimits> {
    const limits = await this.source.limitsOf(tenantId);
    if (!limits) throw new RingsideError('TENANT_NOT_FOUND', `no tenant ${tenantId}`);
    return limits;
  }

  /** Refuses (TENANT_LIMIT_EXCEEDED) one more agent when the tenant has `agentsNow` at its limit. */
  async assertCanAddAgent(tenantId: string, agentsNow: number): Promise<void> {
    (await this.agentCheck(tenantId))(agentsNow);
  }

  /**
   * The agents rule of a tenant, read now and applied later without I/O: a caller counts the
   * agents inside its own transaction (on PGlite, one session, no other statement may run then).
   */
  async agentCheck(tenantId: string): Promise<(agentsNow: number) => void> {
    const { agents } = await this.limits(tenantId);
    return (agentsNow) => {
      if (!withinLimit(agents, agentsNow)) throw limitExceeded('agents', agents ?? 0, agentsNow);
    };
  }

  /** For the dial/originate command: may the tenant start one more call while `liveCalls` are up? */
  async canStartCall(tenantId: string, liveCalls: number): Promise<boolean> {
    return callAllowed(await this.limits(tenantId), liveCalls);
  }

  /** As canStartCall, refusing with the error the console shows. */
  async assertCanStartCall(tenantId: string, liveCalls: number): Promise<void> {
    const limits = await this.limits(tenantId);
    if (!callAllowed(limits, liveCalls)) throw limitExceeded('concurrentCalls', limits.concurrentCalls ?? 0, liveCalls);
  }

  /** Bytes the tenant may still store; null when unlimited. */
  async storageRemaining(tenantId: string): Promise<number | null> {
    const limits = await this.limits(tenantId);
    return limits.storageMb === null ? null : storageRemaining(limits, await this.storageUsed(tenantId));
  }

  /** The error for an upload that would pass the storage limit. */
  async storageExceeded(tenantId: string): Promise<RingsideError> {
    const limits = await this.limits(tenantId);
    return limitExceeded('storageMb', limits.storageMb ?? 0, Math.ceil((await this.storageUsed(tenantId)) / (1024 * 1024)));
  }

  /**
   * For the messaging context (not built yet): refuses one more message when `sentToday` reached the
   * daily limit. The count needs no table of its own: it is the tenant's sms interactions since midnight UTC.
   */
  async assertCanSendMessage(tenantId: string, sentToday: number): Promise<void> {
    const { messagesPerDay } = await this.limits(tenantId);
    if (!withinLimit(messagesPerDay, sentToday)) throw limitExceeded('messagesPerDay', messagesPerDay ?? 0, sentToday);
  }
}
