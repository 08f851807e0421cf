import { describe, expect, it } from '@jest/globals';
import { survivingFields, type MergeSide } from './merge-rules.js';

const older = new Date('2025-01-01T00:00:00Z');
const newer = new Date('2026-01-01T00:00:00Z');

function side(values: MergeSide['values'], updatedAt = older, sources: string[] = ['agent']): MergeSide {
  return { values, updatedAt, sources };
}

describe('survivorship of merged fields', () => {
  it('most complete: a filled value beats an empty one, the fuller beats the shorter, the higher score wins, ties keep the survivor', () => {
    const r = survivingFields(side({ firstName: 'Bob', lastName: 'Martinez', salutation: '', valueScore: 20, lifecycle: 'lead' }), side({ firstName: 'Robert', lastName: 'Marti', salutation: 'Mr', valueScore: 70, lifecycle: 'customer' }), 'most_complete');
    expect(r.values).toMatchObject({ firstName: 'Robert', lastName: 'Martinez', salutation: 'Mr', valueScore: 70, lifecycle: 'lead' });
    expect(r.origins).toMatchObject({ firstName: 'merged', lastName: 'survivor', salutation: 'merged', valueScore: 'merged', lifecycle: 'survivor', birthDate: 'survivor' });
  });

  it('most recent: the record changed last wins where both have a value, but never with an empty one', () => {
    const r = survivingFields(side({ firstName: 'Bob', language: 'en' }, older), side({ firstName: 'Rob', language: null }, newer), 'most_recent');
    expect(r.values).toMatchObject({ firstName: 'Rob', language: 'en' });
  });

  it('most trusted: the record whose contact points an agent entered beats an import', () => {
    const imported = side({ firstName: 'Roberto' }, newer, ['import']);
    expect(survivingFields(imported, side({ firstName: 'Bob' }, older, ['import', 'agent']), 'most_trusted').values.firstName).toBe('Bob');
    expect(survivingFields(imported, side({ firstName: 'Bob' }, older, ['import']), 'most_trusted').values.firstName).toBe('Roberto');
  });

  it('a hand choice wins over the rule, also for an empty value; different notes are both kept unless chosen', () => {
    const r = survivingFields(side({ firstName: 'Robert', notes: 'calls at 9' }), side({ firstName: '', notes: 'prefers email' }), 'most_complete', { firstName: 'merged' });
    expect(r.values).toMatchObject({ firstName: '', notes: 'calls at 9\n\nprefers email' });
    expect(r.origins).toMatchObject({ firstName: 'merged', notes: 'both' });
    expect(survivingFields(side({ notes: 'a' }), side({ notes: 'b' }), 'most_complete', { notes: 'survivor' }).values.notes).toBe('a');
    expect(survivingFields(side({ notes: 'same' }), side({ notes: 'same ' }), 'most_complete').origins.notes).toBe('survivor');
  });
});
