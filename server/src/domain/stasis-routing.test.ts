import { describe, expect, it } from '@jest/globals';
import type { Customer } from '@ringside/shared';
import { decideStasisRoute, parseStasisArgs } from './stasis-routing.js';

function customer(id: string, valueScore: number): Customer {
  return { id, kind: 'person', firstName: 'Pat', lastName: 'Doe', salutation: null, birthDate: null, language: null, timeZone: null, organisationName: null, tradingName: null, registrationNumber: null, industry: null, sizeBand: null, company: null, email: null, lifecycle: 'customer', valueScore, notes: null, contactPoints: [], attributes: {}, version: 1, mergedIntoId: null, createdAt: '', updatedAt: '' };
}

describe('Stasis routing decisions', () => {
  it('a high-value customer waits in support at priority 10 and is named for the pop', () => {
    const route = decideStasisRoute(parseStasisArgs(['inbound', '6000']) as { queue: string | null }, { status: 'found', customers: [customer('c1', 92)] });
    expect(route).toEqual({ queue: 'support', priority: 10, customerId: 'c1', reason: 'high-value' });
  });

  it('a known customer below the threshold waits with the default priority but is still named', () => {
    expect(decideStasisRoute({ queue: null }, { status: 'found', customers: [customer('c2', 79)] })).toEqual({ queue: 'support', priority: 0, customerId: 'c2', reason: 'known' });
  });

  it('a number shared by several customers ranks by the best of them and names nobody', () => {
    expect(decideStasisRoute({ queue: null }, { status: 'found', customers: [customer('a', 10), customer('b', 85)] })).toEqual({ queue: 'support', priority: 10, customerId: null, reason: 'high-value' });
  });

  it('unknown callers and failed lookups go to the default queue with the default priority', () => {
    expect(decideStasisRoute({ queue: null }, { status: 'unknown-number' })).toMatchObject({ queue: 'support', priority: 0, customerId: null, reason: 'unknown' });
    expect(decideStasisRoute({ queue: null }, { status: 'failed', reason: 'timeout' })).toMatchObject({ queue: 'support', priority: 0, reason: 'lookup-failed' });
  });

  it('the queue named in the Stasis arguments wins; a name that is not a plain queue name is ignored', () => {
    expect(parseStasisArgs(['inbound', '6000', 'sales'])).toEqual({ kind: 'inbound', dialled: '6000', queue: 'sales' });
    expect(parseStasisArgs(['inbound', '6000', 'sales,s,1)'])).toEqual({ kind: 'inbound', dialled: '6000', queue: null });
    expect(decideStasisRoute({ queue: 'sales' }, { status: 'unknown-number' }).queue).toBe('sales');
  });

  it('arguments that are not an inbound call are reported as such', () => {
    expect(parseStasisArgs(['agent'])).toEqual({ kind: 'other', args: ['agent'] });
    expect(parseStasisArgs([])).toEqual({ kind: 'other', args: [] });
  });
});
