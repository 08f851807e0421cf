import { describe, expect, it } from '@jest/globals';
import { publishRequestSchema, rollbackRequestSchema, userCreateSchema, userPatchSchema } from './admin.js';

const valid = { username: 'ada.l', displayName: 'Ada Lovelace', role: 'agent', password: 'analytical-engine', agent: { endpoint: 'PJSIP/1002', extension: '1002' } };

function paths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => i.path.map(String).join('.'));
}

describe('admin request schemas', () => {
  it('a new agent with a 10-character password and a PJSIP phone is accepted', () => {
    expect(userCreateSchema.parse(valid)).toEqual(valid);
    expect(userCreateSchema.safeParse({ ...valid, agent: undefined }).success).toBe(true);
  });

  it('a short password, a username with spaces and a malformed phone are each refused on their field', () => {
    const result = userCreateSchema.safeParse({ ...valid, username: 'ada l', password: 'nine-char', agent: { endpoint: 'PJSIP 1002', extension: '10a' } });
    expect(paths(result).sort()).toEqual(['agent.endpoint', 'agent.extension', 'password', 'username']);
  });

  it('a display name with a line break or an unknown field is refused', () => {
    expect(paths(userCreateSchema.safeParse({ ...valid, displayName: 'Ada\r\nAdmin' }))).toEqual(['displayName']);
    expect(userCreateSchema.safeParse({ ...valid, isRoot: true }).success).toBe(false);
  });

  it('a patch may change any subset, and null removes the phone', () => {
    expect(userPatchSchema.parse({ active: false, agent: null })).toEqual({ active: false, agent: null });
    expect(userPatchSchema.parse({})).toEqual({});
    expect(paths(userPatchSchema.safeParse({ password: 'short' }))).toEqual(['password']);
  });

  it('publish and rollback need a one-line comment of at most 200 characters', () => {
    expect(publishRequestSchema.parse({ comment: '  Key 3 for sales ' })).toEqual({ comment: 'Key 3 for sales' });
    expect(publishRequestSchema.safeParse({ comment: '   ' }).success).toBe(false);
    expect(publishRequestSchema.safeParse({ comment: 'x'.repeat(201) }).success).toBe(false);
    expect(rollbackRequestSchema.safeParse({ comment: 'back\nto 1' }).success).toBe(false);
    expect(rollbackRequestSchema.parse({ comment: 'Back to 1' })).toEqual({ comment: 'Back to 1' });
  });
});
