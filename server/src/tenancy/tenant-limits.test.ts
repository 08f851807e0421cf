import { describe, expect, it } from '@jest/globals';
import { UNLIMITED, type TenantLimits } from '@ringside/shared';
import { TenantLimitChecks, callAllowed, storageRemaining, withinLimit } from './tenant-limits.js';
import { deletionOrder } from './tenant-purge.js';
import { monthStart } from './tenant-usage.js';

const limited: TenantLimits = { agents: 2, concurrentCalls: 3, storageMb: 1, messagesPerDay: 0 };
const checks = (limits: TenantLimits | null) => new TenantLimitChecks({ limitsOf: async () => limits }, async () => 512 * 1024);

describe('per-tenant limits', () => {
  it('null is unlimited; a limit allows up to and including itself', () => {
    expect(withinLimit(null, 1_000_000)).toBe(true);
    expect(withinLimit(3, 2)).toBe(true);
    expect(withinLimit(3, 3)).toBe(false);
    expect(withinLimit(0, 0)).toBe(false);
  });

  it('a call may start while the live calls are under the concurrent-calls limit', async () => {
    expect(callAllowed(limited, 2)).toBe(true);
    expect(callAllowed(limited, 3)).toBe(false);
    expect(callAllowed(UNLIMITED, 10_000)).toBe(true);
    expect(await checks(limited).canStartCall('t', 3)).toBe(false);
    await expect(checks(limited).assertCanStartCall('t', 3)).rejects.toMatchObject({ code: 'TENANT_LIMIT_EXCEEDED', message: expect.stringContaining('limit of 3 concurrent calls') });
  });

  it('the errors name the limit; an unknown tenant is TENANT_NOT_FOUND', async () => {
    await expect(checks(limited).assertCanAddAgent('t', 2)).rejects.toMatchObject({ code: 'TENANT_LIMIT_EXCEEDED', message: expect.stringContaining('limit of 2 agents') });
    await expect(checks(limited).assertCanAddAgent('t', 1)).resolves.toBeUndefined();
    await expect(checks(limited).assertCanSendMessage('t', 0)).rejects.toMatchObject({ message: expect.stringContaining('messages per day') });
    await expect(checks(null).canStartCall('t', 0)).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });
  });

  it('storage left is the limit in MB minus what the files take, never below zero', async () => {
    expect(storageRemaining(limited, 0)).toBe(1024 * 1024);
    expect(storageRemaining(limited, 5 * 1024 * 1024)).toBe(0);
    expect(storageRemaining(UNLIMITED, 5)).toBeNull();
    expect(await checks(limited).storageRemaining('t')).toBe(512 * 1024);
  });
});

describe('the order a tenant purge deletes tables in', () => {
  it('puts every referencing table before the table it references, ignoring self-references', () => {
    const order = deletionOrder(['customers', 'contact_points', 'interactions', 'agents'], [
      { child: 'contact_points', parent: 'customers' },
      { child: 'interactions', parent: 'customers' },
      { child: 'interactions', parent: 'agents' },
      { child: 'customers', parent: 'customers' },
      { child: 'agents', parent: 'users' },
    ]);
    expect(order.indexOf('interactions')).toBeLessThan(order.indexOf('agents'));
    expect(order.indexOf('interactions')).toBeLessThan(order.indexOf('customers'));
    expect(order.indexOf('contact_points')).toBeLessThan(order.indexOf('customers'));
    expect([...order].sort()).toEqual(['agents', 'contact_points', 'customers', 'interactions']);
  });

  it('refuses a cycle between two tables rather than guess', () => {
    expect(() => deletionOrder(['a', 'b'], [{ child: 'a', parent: 'b' }, { child: 'b', parent: 'a' }])).toThrow(/cycle/);
  });
});

describe('billing months', () => {
  it('start at midnight UTC on the first', () => {
    expect(monthStart(new Date('2026-12-08T00:30:00+02:00')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});
