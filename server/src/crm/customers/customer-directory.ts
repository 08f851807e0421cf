import type { CustomerDirectory, DirectoryLookup } from '../../domain/ports/customer-directory.js';
import type { CustomerRepository } from './customer-repository.js';
import type { InteractionRepository } from './interaction-repository.js';
import type { RelationshipRepository } from './relationship-repository.js';

/**
 * The screen pop's view of the CRM. Open items stay empty until tickets and tasks exist
 * (a later issue); the shape is already what the pop expects.
 */
export class PgCustomerDirectory implements CustomerDirectory {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly interactions: InteractionRepository,
    private readonly relationships?: RelationshipRepository,
  ) {}

  async findByE164(e164: string, options: { limit?: number; interactionLimit?: number } = {}): Promise<DirectoryLookup> {
    const interactionLimit = options.interactionLimit ?? 5;
    // Both queries at once on two pool connections: a pop waits one round trip, not two. The
    // timeline is only used when the number has a single owner, which is the common case.
    const [customers, timeline, employers] = await Promise.all([
      this.customers.findByE164(e164, options.limit ?? 10),
      interactionLimit > 0 ? this.interactions.listByOwnerOf(e164, interactionLimit) : Promise.resolve([]),
      this.relationships ? this.relationships.organisationsOfOwnersOf(e164) : Promise.resolve(new Map()),
    ]);
    const only = customers.length === 1 ? customers[0] : undefined;
    const lastInteractions = only ? timeline.filter((i) => i.customerId === only.id) : [];
    // A person of an organisation pops with the organisation too: the agent greets both.
    const organisations = only ? (employers.get(only.id) ?? []) : [];
    return { customers, lastInteractions, openItems: [], ...(organisations.length ? { organisations } : {}) };
  }

  /** Row security keeps another tenant's customer out of reach: it reads as missing. */
  async hasCustomer(id: string): Promise<boolean> {
    return (await this.customers.get(id)) !== null;
  }
}
