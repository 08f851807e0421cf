import { RingsideError, type RelationshipType } from '@ringside/shared';

type Kind = 'person' | 'organisation';

// Which kinds of party each type joins, from -> to.
const ENDS: Record<RelationshipType, { from: Kind[]; to: Kind[] }> = {
  employee_of: { from: ['person'], to: ['organisation'] },
  contact_of: { from: ['person'], to: ['organisation'] },
  household_member: { from: ['person'], to: ['person'] },
  subsidiary_of: { from: ['organisation'], to: ['organisation'] },
  referred_by: { from: ['person', 'organisation'], to: ['person', 'organisation'] },
};

/** Refuses a relationship whose ends, job title or primary flag do not fit its type. */
export function assertRelationshipFits(
  input: { type: RelationshipType; fromPartyId: string; toPartyId: string; jobTitle?: string | undefined; isPrimary: boolean },
  fromKind: Kind,
  toKind: Kind,
): void {
  if (input.fromPartyId === input.toPartyId) {
    throw new RingsideError('INVALID_INPUT', 'a party cannot be related to itself', [{ path: 'toPartyId', message: 'same as fromPartyId' }]);
  }
  const ends = ENDS[input.type];
  if (!ends.from.includes(fromKind) || !ends.to.includes(toKind)) {
    throw new RingsideError('INVALID_INPUT', `${input.type} joins a ${ends.from.join('/')} to a ${ends.to.join('/')}, not a ${fromKind} to a ${toKind}`, [
      { path: 'type', message: `needs ${ends.from.join('/')} -> ${ends.to.join('/')}` },
    ]);
  }
  const staff = input.type === 'employee_of' || input.type === 'contact_of';
  if (!staff && input.jobTitle !== undefined) {
    throw new RingsideError('INVALID_INPUT', 'only employees and contacts of an organisation have a job title', [{ path: 'jobTitle', message: 'not for this type' }]);
  }
  if (!staff && input.isPrimary) {
    throw new RingsideError('INVALID_INPUT', 'only employees and contacts of an organisation can be its primary contact', [{ path: 'isPrimary', message: 'not for this type' }]);
  }
}

/** Refuses an end date before the start. */
export function assertDates(validFrom: Date, validTo: Date | null): void {
  if (validTo && validTo.getTime() < validFrom.getTime()) {
    throw new RingsideError('INVALID_INPUT', 'a relationship cannot end before it starts', [{ path: 'validTo', message: 'before validFrom' }]);
  }
}
