import {
  RingsideError,
  customerInputSchema,
  customerPatchSchema,
  customerHistoryQuerySchema,
  customerSearchSchema,
  hasRequiredName,
  parseInput,
  type Customer,
  type CustomerChange,
  type Interaction,
} from '@ringside/shared';
import type { CustomerPage, CustomerRepository } from './customer-repository.js';
import type { InteractionRepository } from './interaction-repository.js';
import type { Actor } from './change-history.js';

/** Use cases the customer routes call: each validates with the shared schema, then touches the repositories. */
export class CustomerService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly interactions: InteractionRepository,
  ) {}

  search(query: unknown): Promise<CustomerPage> {
    return this.customers.search(parseInput(customerSearchSchema, query));
  }

  /**
   * A customer with its timeline. A merged-away id resolves to its survivor (following later
   * merges), answered with `mergedFrom` naming the id asked for, so old links and API clients keep working.
   */
  async getWithInteractions(id: string): Promise<{ customer: Customer; interactions: Interaction[]; mergedFrom?: string }> {
    let customer = await this.customers.get(id);
    // Each hop is a merge still in effect; a cycle cannot form (a survivor is never merged-away), the bound is defensive.
    for (let hops = 0; customer?.mergedIntoId && hops < 20; hops++) customer = await this.customers.get(customer.mergedIntoId);
    if (!customer || customer.mergedIntoId) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
    const interactions = await this.interactions.listByCustomer(customer.id, 50);
    return customer.id === id ? { customer, interactions } : { customer, interactions, mergedFrom: id };
  }

  /** Creates a customer; actor is who the change history names. */
  create(body: unknown, actor: Actor | null = null): Promise<Customer> {
    return this.customers.create(parseInput(customerInputSchema, body), actor);
  }

  /** The customer's change history, newest first. */
  async history(id: string, query: unknown): Promise<CustomerChange[]> {
    const q = parseInput(customerHistoryQuerySchema, query);
    if (!(await this.customers.get(id))) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
    return this.customers.history(id, q);
  }

  async update(id: string, body: unknown, actor: Actor | null = null): Promise<Customer> {
    const patch = parseInput(customerPatchSchema, body);
    if ('kind' in patch || 'firstName' in patch || 'lastName' in patch || 'organisationName' in patch) {
      const current = await this.customers.get(id);
      if (!current) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
      if (!hasRequiredName({ ...current, ...patch })) {
        throw new RingsideError('INVALID_INPUT', 'a person needs a first or last name; an organisation needs a name', [
          { path: 'kind', message: 'a person needs a first or last name; an organisation needs a name' },
        ]);
      }
    }
    const updated = await this.customers.update(id, patch, actor);
    if (!updated) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
    return updated;
  }
}
