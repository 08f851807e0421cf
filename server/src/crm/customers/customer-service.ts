import {
  RingsideError,
  customerInputSchema,
  customerPatchSchema,
  customerHistoryQuerySchema,
  customerSearchSchema,
  customerExportQuerySchema,
  hasRequiredName,
  parseInput,
  type Customer,
  type CustomerChange,
  type Interaction,
} from '@ringside/shared';
import type { CustomerPage, CustomerRepository } from './customer-repository.js';
import type { InteractionRepository } from './interaction-repository.js';
import type { Actor } from './change-history.js';
import { customerExportLines } from './customer-export.js';

/** Use cases the customer routes call: each validates with the shared schema, then touches the repositories. */
export class CustomerService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly interactions: InteractionRepository,
  ) {}

  search(query: unknown): Promise<CustomerPage> {
    return this.customers.search(parseInput(customerSearchSchema, query));
  }

  /** The CSV of every customer the search matches; the query is checked before the first line. */
  exportCsv(query: unknown): AsyncGenerator<string> {
    const { q } = parseInput(customerExportQuerySchema, query);
    return customerExportLines((limit, offset) => this.customers.search({ q, limit, offset }));
  }

  async getWithInteractions(id: string): Promise<{ customer: Customer; interactions: Interaction[] }> {
    const customer = await this.customers.get(id);
    if (!customer) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
    return { customer, interactions: await this.interactions.listByCustomer(id, 50) };
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
