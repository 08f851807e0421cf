import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TENANT_ID, type Customer, type Interaction, type OpenItem } from '@ringside/shared';
import type { CustomerDirectory, DirectoryLookup } from './ports/customer-directory.js';
import { MAX_POP_CANDIDATES, matchFromLookup, pendingScreenPop, resolveScreenPop, type ScreenPopContext } from './screen-pop.js';

function customer(id: string, lastName: string): Customer {
  return {
    id,
    kind: 'person',
    firstName: 'Ada',
    lastName,
    salutation: null,
    birthDate: null,
    language: null,
    timeZone: null,
    organisationName: null,
    tradingName: null,
    registrationNumber: null,
    industry: null,
    sizeBand: null,
    company: 'Analytical Engines Ltd',
    email: `${lastName.toLowerCase()}@example.org`,
    lifecycle: 'customer',
    valueScore: 80,
    notes: 'prefers mornings',
    contactPoints: [{ id: `cp-${id}`, kind: 'phone', value: '+1 415 555 2671', e164: '+14155552671', label: 'mobile', emailLower: null, phoneType: 'unknown', addressLines: null, city: null, region: null, postalCode: null, country: null, purpose: 'home', validFrom: null, validTo: null, verifiedAt: null, primary: true, source: 'agent' }],
    attributes: {},
    version: 1,
    mergedIntoId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const interaction = { id: 'i1', legId: '1795349000.3', disposition: 'resolved' } as Interaction;
const ticket: OpenItem = { id: 't1', kind: 'ticket', title: 'Invoice wrong', status: 'open', updatedAt: '2026-03-01T10:00:00.000Z' };

const context: ScreenPopContext = {
  callId: '1795349593.1',
  tenant: { id: DEFAULT_TENANT_ID, slug: '', name: '' },
  agentId: '11111111-1111-4111-8111-111111111111',
  callerNumber: { raw: '+1 (415) 555-2671', e164: '+14155552671' },
  queue: 'support',
  ivrPath: [{ kind: 'digit', digit: '1', at: 1 }],
  waitSeconds: 12,
};

/** A directory over a fixed list, answering like the real one (context only for a single match). */
function directory(customers: Customer[]): CustomerDirectory & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async findByE164(e164, options) {
      asked.push(e164);
      const found = customers.filter((c) => c.contactPoints.some((p) => p.e164 === e164)).slice(0, options?.limit ?? 50);
      const single = found.length === 1;
      return { customers: found, lastInteractions: single ? [interaction] : [], openItems: single ? [ticket] : [] };
    },
  };
}

describe('screen pop matching', () => {
  it('one customer with that number pops their record with last interactions and open items', async () => {
    const ada = customer('c1', 'Lovelace');
    const pop = await resolveScreenPop(directory([ada]), context);
    expect(pop).toEqual({ ...context, match: { kind: 'single', customer: ada, lastInteractions: [interaction], openItems: [ticket] } });
  });

  it('several customers sharing the number are offered as candidates to choose from', async () => {
    const pop = await resolveScreenPop(directory([customer('c1', 'Lovelace'), customer('c2', 'Byron')]), context);
    expect(pop.match.kind).toBe('multiple');
    if (pop.match.kind === 'multiple') {
      expect(pop.match.candidates.map((c) => c.lastName)).toEqual(['Lovelace', 'Byron']);
      expect(pop.match.candidates[0]).not.toHaveProperty('notes');
    }
  });

  it('many matches are capped to a list an agent can read', () => {
    const many: DirectoryLookup = { customers: Array.from({ length: 30 }, (_, i) => customer(`c${i}`, `N${i}`)), lastInteractions: [], openItems: [] };
    const match = matchFromLookup(context.callerNumber, many);
    expect(match.kind === 'multiple' && match.candidates.length).toBe(MAX_POP_CANDIDATES);
  });

  it('an unknown number prefills a new-customer form with the number in E.164', async () => {
    const pop = await resolveScreenPop(directory([]), context);
    expect(pop.match).toEqual({ kind: 'none', prefill: { phone: '+14155552671' } });
  });

  it('a number that cannot be read is not looked up and prefills what was received', async () => {
    const dir = directory([customer('c1', 'Lovelace')]);
    const pop = await resolveScreenPop(dir, { ...context, callerNumber: { raw: 'anonymous', e164: null } });
    expect(dir.asked).toEqual([]);
    expect(pop.match).toEqual({ kind: 'none', prefill: { phone: 'anonymous' } });
  });

  it('a pop sent before the directory answers says the record is pending', () => {
    expect(pendingScreenPop(context).match).toEqual({ kind: 'pending' });
  });

  it('a failing directory is reported, not turned into "nobody matched"', async () => {
    const broken: CustomerDirectory = {
      findByE164: async () => {
        throw new Error('database down');
      },
    };
    await expect(resolveScreenPop(broken, context)).rejects.toThrow('database down');
  });
});
