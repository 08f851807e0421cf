import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { testDatabases, type TestDatabase } from '../../../db/test-databases.js';
import { ImportRepository } from './import-repository.js';

describe.each(testDatabases())('import files and saved mappings on %s', (_driver, make) => {
  let handle: TestDatabase;
  let imports: ImportRepository;

  beforeAll(async () => {
    handle = make();
    imports = new ImportRepository((await handle.open()).db);
  }, 60_000);
  afterAll(async () => {
    await handle.dispose();
  });

  it('records a file and reads it back; an unknown or malformed id is none', async () => {
    const id = randomUUID();
    const file = await imports.createFile({ id, source: 'crm-a', fileName: 'a.csv', bytes: 12, sha256: 'ab'.repeat(32), createdBy: null });
    expect(file).toMatchObject({ id, source: 'crm-a', fileName: 'a.csv', bytes: 12 });
    expect(await imports.getFile(id)).toEqual(file);
    expect(await imports.getFile(randomUUID())).toBeNull();
    expect(await imports.getFile('../etc/passwd')).toBeNull();
  });

  it('keeps the last mapping per source', async () => {
    expect(await imports.getMapping('crm-b')).toBeNull();
    const mapping = { source: 'crm-b', columns: { Name: 'givenName' as const }, encoding: 'utf-8' as const, delimiter: ',' as const, defaultCountry: 'US' };
    await imports.saveMapping(mapping, null);
    await imports.saveMapping({ ...mapping, delimiter: ';', columns: { Name: 'familyName' } }, null);
    expect(await imports.getMapping('crm-b')).toEqual({ ...mapping, delimiter: ';', columns: { Name: 'familyName' } });
  });
});
