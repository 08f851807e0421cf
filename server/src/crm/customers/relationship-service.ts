import {
  RingsideError,
  parseInput,
  relationshipEndSchema,
  relationshipInputSchema,
  type PartyRelationships,
  type SessionUser,
} from '@ringside/shared';
import type { RelationshipRepository } from './relationship-repository.js';
import { assertDates, assertRelationshipFits } from './relationship-rules.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Use cases of /api/customers/:id/relationships. */
export class RelationshipService {
  constructor(private readonly relationships: RelationshipRepository) {}

  async list(partyId: string): Promise<PartyRelationships> {
    await this.assertParty(partyId);
    return { relationships: await this.relationships.listFor(partyId, new Date()) };
  }

  async add(partyId: string, body: unknown, by: SessionUser): Promise<PartyRelationships> {
    const input = parseInput(relationshipInputSchema, body);
    if (input.fromPartyId !== partyId && input.toPartyId !== partyId) {
      throw new RingsideError('INVALID_INPUT', 'one end of the relationship must be the customer in the path', [{ path: 'fromPartyId', message: 'neither end is this customer' }]);
    }
    const kinds = await this.relationships.partyKinds([input.fromPartyId, input.toPartyId]);
    const fromKind = kinds.get(input.fromPartyId);
    const toKind = kinds.get(input.toPartyId);
    if (!fromKind || !toKind) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${fromKind ? input.toPartyId : input.fromPartyId}`);
    assertRelationshipFits(input, fromKind, toKind);
    const validFrom = input.validFrom ? new Date(input.validFrom) : new Date();
    const validTo = input.validTo ? new Date(input.validTo) : null;
    assertDates(validFrom, validTo);
    await this.relationships.insert({
      type: input.type,
      fromPartyId: input.fromPartyId,
      toPartyId: input.toPartyId,
      jobTitle: input.jobTitle ?? null,
      isPrimary: input.isPrimary,
      validFrom,
      validTo,
      createdBy: by.id,
    });
    return this.list(partyId);
  }

  /** Ends a relationship (sets valid_to, default now): the normal way, since it keeps the history. */
  async end(partyId: string, relationshipId: string, body: unknown): Promise<PartyRelationships> {
    const { validTo } = parseInput(relationshipEndSchema, body ?? {});
    const rel = await this.owned(partyId, relationshipId);
    const at = validTo ? new Date(validTo) : new Date();
    assertDates(rel.validFrom, at);
    await this.relationships.end(relationshipId, at);
    return this.list(partyId);
  }

  /** Deletes a relationship entered by mistake (supervisors and admins; the router checks). */
  async delete(partyId: string, relationshipId: string): Promise<void> {
    await this.owned(partyId, relationshipId);
    await this.relationships.delete(relationshipId);
  }

  private async owned(partyId: string, relationshipId: string) {
    const rel = UUID.test(relationshipId) ? await this.relationships.get(relationshipId) : null;
    if (!rel || (rel.fromPartyId !== partyId && rel.toPartyId !== partyId)) {
      throw new RingsideError('RELATIONSHIP_NOT_FOUND', `customer ${partyId} has no relationship ${relationshipId}`);
    }
    return rel;
  }

  private async assertParty(partyId: string): Promise<void> {
    const kinds = UUID.test(partyId) ? await this.relationships.partyKinds([partyId]) : new Map();
    if (!kinds.has(partyId)) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${partyId}`);
  }
}
