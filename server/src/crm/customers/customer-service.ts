import {
  RingsideError,
  customerInputSchema,
  customerPatchSchema,
  customerSearchSchema,
  hasRequiredName,
  parseInput,
  type Customer,
  type Interaction,
} from '@ringside/shared';
import type { CustomerPage, CustomerRepository } from './customer-repository.js';
import type { InteractionRepository } from './interaction-repository.js';

/** Use cases the customer routes call: each validates with the shared schema, then touches the repositories. */
export class CustomerService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly interactions: InteractionRepository,
  ) {}

  search(query: unknown): Promise<CustomerPage> {
    return this.customers.search(parseInput(customerSearchSchema, query));
  }

  async getWithInteractions(id: string): Promise<{ customer: Customer; interactions: Interaction[] }> {
    const customer = await this.customers.get(id);
    if (!customer) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
    return { customer, interactions: await this.interactions.listByCustomer(id, 50) };
  }

  create(body: unknown): Promise<Customer> {
    return this.customers.create(parseInput(customerInputSchema, body));
  }

  async update(id: string, body: unknown): Promise<Customer> {
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
    const updated = await this.customers.update(id, patch);
    if (!updated) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
    return updated;
  }
}
