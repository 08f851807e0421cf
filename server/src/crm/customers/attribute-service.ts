import {
  RingsideError,
  attributeDefinitionInputSchema,
  attributeDefinitionPatchSchema,
  attributeKeySchema,
  parseInput,
  type AttributeDefinition,
  type AttributeRemoval,
} from '@ringside/shared';
import type { AttributeRepository } from './attribute-repository.js';

function notFound(key: string): RingsideError {
  return new RingsideError('ATTRIBUTE_NOT_FOUND', `no customer attribute "${key}"`);
}

/** Use cases of the attribute admin routes; customers' values are checked by CustomerService against list(). */
export class AttributeService {
  constructor(private readonly definitions: AttributeRepository) {}

  list(): Promise<AttributeDefinition[]> {
    return this.definitions.list();
  }

  async create(body: unknown): Promise<AttributeDefinition> {
    const input = parseInput(attributeDefinitionInputSchema, body);
    const created = await this.definitions.create(input);
    if (!created) throw new RingsideError('ATTRIBUTE_EXISTS', `a customer attribute "${input.key}" exists already`);
    return created;
  }

  async update(key: string, body: unknown): Promise<AttributeDefinition> {
    const patch = parseInput(attributeDefinitionPatchSchema, body);
    const current = await this.definitions.get(parseInput(attributeKeySchema, key));
    if (!current) throw notFound(key);
    if (patch.options !== undefined) {
      if (current.type !== 'choice' && patch.options.length > 0) throw new RingsideError('INVALID_INPUT', 'only a choice has options', [{ path: 'options', message: 'only a choice has options' }]);
      if (current.type === 'choice' && patch.options.length === 0) throw new RingsideError('INVALID_INPUT', 'a choice needs at least one option', [{ path: 'options', message: 'a choice needs at least one option' }]);
      if (new Set(patch.options).size !== patch.options.length) throw new RingsideError('INVALID_INPUT', 'options must be different', [{ path: 'options', message: 'options must be different' }]);
    }
    const updated = await this.definitions.update(key, patch);
    if (!updated) throw notFound(key);
    return updated;
  }

  /** Deletes an unused definition; one with stored values is deactivated instead and the values stay on the customers. */
  async remove(key: string): Promise<AttributeRemoval> {
    const done = await this.definitions.remove(parseInput(attributeKeySchema, key));
    if (!done) throw notFound(key);
    return done;
  }
}
