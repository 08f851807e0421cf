import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import ts from 'typescript';
import * as coreSchema from './schema.js';
import * as identitySchema from './schema-identity.js';
import * as jobsImportsSchema from './schema-jobs-imports.js';
import * as tenancySchema from './schema-tenancy.js';
import { TABLE_OWNERS } from './table-owners.js';

const serverSrc = fileURLToPath(new URL('..', import.meta.url));
const owners: Record<string, string> = TABLE_OWNERS;
const ownerFolders = new Set(Object.values(owners));

/** Every pgTable the schema files export, by export name. */
const schemaExports: Record<string, unknown> = { ...coreSchema, ...identitySchema, ...jobsImportsSchema, ...tenancySchema };
const tables = Object.fromEntries(Object.entries(schemaExports).filter((e): e is [string, PgTable] => is(e[1], PgTable)));
const sqlNames = Object.entries(tables).map(([name, table]) => ({ name, sql: getTableName(table), owner: owners[name] ?? '?' }));

/**
 * The owner a file under server/src speaks for: its CRM context (crm/<context>/...) or its module
 * folder when that folder owns tables; null for the rest (http, db, main, ...), which wire owners together.
 */
function ownerOf(rel: string): string | null {
  const parts = rel.split('/');
  if (parts[0] === 'crm' && parts.length > 2) return parts[1] ?? null;
  return parts.length > 1 && ownerFolders.has(parts[0] ?? '') ? (parts[0] ?? null) : null;
}

/** Table names a module's import or re-export takes from a db/schema*.ts file ('*' for a namespace import). */
function schemaImports(code: string): string[] {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names: string[] = [];
  for (const node of source.statements) {
    if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) || !node.moduleSpecifier || !ts.isStringLiteral(node.moduleSpecifier)) continue;
    if (!/(^|\/)db\/schema[^/]*(\.js)?$|^\.\/schema[^/]*(\.js)?$/.test(node.moduleSpecifier.text)) continue;
    const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
    if (!bindings || ts.isNamespaceImport(bindings) || ts.isNamespaceExport(bindings)) names.push('*');
    else for (const el of bindings.elements) names.push((el.propertyName ?? el.name).text);
  }
  return names;
}

/** What a file of `owner` uses of other owners' tables: imported table objects, and tables its SQL text names. */
function crossOwnerUses(owner: string, code: string): string[] {
  const found = new Set<string>();
  for (const name of schemaImports(code)) {
    if (name === '*') found.add('* (every table)');
    else if (name in tables && owners[name] !== owner) found.add(`${name} (${owners[name] ?? 'no owner'})`);
  }
  for (const t of sqlNames) {
    if (t.owner !== owner && new RegExp(`\\b(from|join|update|into)\\s+"?${t.sql}"?(?![\\w"])`, 'i').test(code)) found.add(`SQL ${t.sql} (${t.owner})`);
  }
  return [...found].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Uses the rule finds that stay for now, each with why; the test fails when one goes away too, so the list stays true. */
const KNOWN: Record<string, string[]> = {
  // Resolving a session reads its tenant's name and status in the same query: it runs on every request and socket command.
  'auth/session-repository.ts': ['tenants (tenancy)'],
  // The screen pop's timeline is one prepared query joining the agent's name in: going through auth would add a round trip to every pop.
  'crm/customers/interaction-repository.ts': ['agents (auth)', 'users (auth)'],
  // The draft's "last edited by" name, joined in (auth's users) like the timeline's agent name; the switch
  // prefixes of the tenants on the switch, read for the publish lock's render (the tenancy repository has no transaction handle).
  'dialplan/dialplan-repository.ts': ['tenants (tenancy)', 'users (auth)'],
  // The isolation tests' tenant B: an import's row error is the import worker's write, put in directly (test helper).
  'tenancy/isolation-fixture.ts': ['SQL customer_import_errors (customers)'],
};

describe('each table is used only by the context that owns it', () => {
  it('every table the schema files export has an owner, and the map names only real tables', () => {
    expect(Object.keys(tables).length).toBeGreaterThan(10);
    expect(Object.keys(tables).filter((t) => !(t in owners))).toEqual([]);
    expect(Object.keys(owners).filter((t) => !(t in tables))).toEqual([]);
  });

  it('when an identity file imports or queries a customers table, the rule reports it; its own tables pass', () => {
    const code = [
      "import { customerMerges } from '../../db/schema-identity.js';",
      "import { contactPoints as points, type customers } from '../../db/schema.js';",
      "export { partyRelationships } from '../../db/schema.js';",
      'const n = sql`SELECT count(*) FROM customers WHERE merged_into_id IS NULL`;',
      'const m = sql`UPDATE customer_merges SET status = 1`;',
    ].join('\n');
    expect(crossOwnerUses('identity', code)).toEqual(['SQL customers (customers)', 'contactPoints (customers)', 'customers (customers)', 'partyRelationships (customers)']);
    expect(crossOwnerUses('customers', "import * as schema from '../../db/schema.js';")).toEqual(['* (every table)']);
    expect(crossOwnerUses('customers', "import { contactPoints, customers } from '../../db/schema.js';\nsql`SELECT 1 FROM contact_points`;")).toEqual([]);
  });

  it('no file of a context or module uses another one\'s tables, beyond the listed exceptions', () => {
    const findings: Record<string, string[]> = {};
    for (const file of sourceFiles(serverSrc)) {
      const rel = path.relative(serverSrc, file).split(path.sep).join('/');
      const owner = ownerOf(rel);
      if (!owner) continue;
      const uses = crossOwnerUses(owner, readFileSync(file, 'utf8'));
      if (uses.length) findings[rel] = uses;
    }
    expect(findings).toEqual(KNOWN);
  });
});
