import {
  RingsideError,
  customerInputSchema,
  customerPatchSchema,
  customerHistoryQuerySchema,
  customerSearchSchema,
  duplicateCheckSchema,
  customerExportQuerySchema,
  hasRequiredName,
  parseInput,
  type AttributeDefinition,
  type AttributeValue,
  type Customer,
  type CustomerChange,
  type DuplicateCandidate,
  type Interaction,
} from '@ringside/shared';
import type { CustomerPage, CustomerRepository } from './customer-repository.js';
import type { InteractionRepository } from './interaction-repository.js';
import type { Actor } from './change-history.js';
import { attributeFilterValue, checkAttributes } from './attribute-rules.js';
import type { DuplicateChecker, DuplicateDraft } from './duplicate-check.js';

/** What customer writes need besides the repositories: the attribute definitions and the duplicate check. */
export interface CustomerServiceParts {
  attributes?: { list(): Promise<AttributeDefinition[]> };
  duplicates?: Pick<DuplicateChecker, 'check'>;
}
import { customerExportLines } from './customer-export.js';

/** Use cases the customer routes call: each validates with the shared schema, then touches the repositories. */
export class CustomerService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly interactions: InteractionRepository,
    // Without definitions every attribute is unknown; without a checker no create is held back as a duplicate.
    private readonly parts: CustomerServiceParts = {},
  ) {}

  private definitions(): Promise<AttributeDefinition[]> {
    return this.parts.attributes?.list() ?? Promise.resolve([]);
  }

  async search(query: unknown): Promise<CustomerPage> {
    const { attribute, value, ...q } = parseInput(customerSearchSchema, query);
    if (attribute === undefined || value === undefined) return this.customers.search(q);
    const def = (await this.definitions()).find((d) => d.key === attribute);
    return this.customers.search({ ...q, attribute: { [attribute]: attributeFilterValue(def, attribute, value) } });
  }

  /** The CSV of every customer the search matches; the query is checked before the first line. */
  exportCsv(query: unknown): AsyncGenerator<string> {
    const { q } = parseInput(customerExportQuerySchema, query);
    return customerExportLines((limit, offset) => this.customers.search({ q, limit, offset }));
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

  /** Likely duplicates of a draft (the form asks before saving). */
  async duplicateCheck(body: unknown): Promise<DuplicateCandidate[]> {
    return this.parts.duplicates?.check(parseInput(duplicateCheckSchema, body)) ?? [];
  }

  /**
   * Creates a customer; actor is who the change history names. A likely duplicate is refused
   * with DUPLICATE_SUSPECTED and the candidates unless the body says `confirmDuplicate: true`.
   */
  async create(body: unknown, actor: Actor | null = null): Promise<Customer> {
    const { confirmDuplicate, ...input } = parseInput(customerInputSchema, body);
    const checked = checkAttributes(await this.definitions(), input.attributes, 'create');
    if (!confirmDuplicate && this.parts.duplicates) {
      const candidates = await this.parts.duplicates.check(input satisfies DuplicateDraft);
      if (candidates.length > 0) {
        throw new RingsideError('DUPLICATE_SUSPECTED', `likely duplicate of ${candidates.length} customer(s); send confirmDuplicate: true to create anyway`, undefined, { candidates });
      }
    }
    return this.customers.create({ ...input, attributes: checked.set }, actor);
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
    if (patch.attributes) {
      const checked = checkAttributes(await this.definitions(), patch.attributes, 'update');
      const cleared: Record<string, AttributeValue | null> = Object.fromEntries(checked.remove.map((k) => [k, null]));
      patch.attributes = { ...cleared, ...checked.set };
    }
    const updated = await this.customers.update(id, patch, actor);
    if (!updated) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
    return updated;
  }
}
