import type { CustomerDirectory, DirectoryLookup } from '../domain/ports/customer-directory.js';
import type { CustomerRepository } from './customer-repository.js';
import type { InteractionRepository } from './interaction-repository.js';

/**
 * The screen pop's view of the CRM. Open items stay empty until tickets and tasks exist
 * (a later issue); the shape is already what the pop expects.
 */
export class PgCustomerDirectory implements CustomerDirectory {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly interactions: InteractionRepository,
  ) {}

  async findByE164(e164: string, options: { limit?: number; interactionLimit?: number } = {}): Promise<DirectoryLookup> {
    const customers = await this.customers.findByE164(e164, options.limit ?? 10);
    const only = customers.length === 1 ? customers[0] : undefined;
    const lastInteractions = only ? await this.interactions.listByCustomer(only.id, options.interactionLimit ?? 5) : [];
    return { customers, lastInteractions, openItems: [] };
  }
}
