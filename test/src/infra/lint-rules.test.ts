import { describe, expect, it, jest } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
// One instance for the file: building it loads the config and the TypeScript parser.
const eslint = new ESLint({ cwd: repoRoot });
// Linting with type information takes seconds on a loaded 2-core machine; the rule, not the speed, is under test.
jest.setTimeout(30_000);

/** Messages of the dependency rule for `code` as if it lived at `filePath` (relative to the repo root). */
async function importViolations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${filePath} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).map((m) => m.message);
}

const useIt = (specifier: string) => `import * as dep from '${specifier}';\nexport const used = dep;\n`;

describe('the dependency rule, as enforced by npm run lint', () => {
  it.each(['express', 'drizzle-orm/pg-core', 'asterisk-manager', 'ari-client', 'pg', '@socket.io/redis-adapter', 'socket.io'])(
    'when a domain file imports %s, lint reports an error',
    async (specifier) => {
      const messages = await importViolations('server/src/domain/example.ts', useIt(specifier));
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('server/src/domain is pure logic');
    },
  );

  it('when an HTTP router imports express, lint accepts it', async () => {
    expect(await importViolations('server/src/http/x.ts', useIt('express'))).toEqual([]);
    expect(await importViolations('server/src/db/client.ts', useIt('drizzle-orm/pg-core'))).toEqual([]);
  });

  it('when a domain file imports a package that merely starts like a banned one, lint accepts it', async () => {
    expect(await importViolations('server/src/domain/example.ts', useIt('pg-format'))).toEqual([]);
    expect(await importViolations('server/src/domain/example.ts', useIt('@ringside/shared'))).toEqual([]);
  });

  it('when a domain file reaches into an adapter folder by relative path, lint reports it at any depth', async () => {
    expect(await importViolations('server/src/domain/example.ts', useIt('../db/client.js'))).toHaveLength(1);
    expect(await importViolations('server/src/domain/calls/transfer.ts', useIt('../../pbx/ami/ami-connection.js'))).toHaveLength(1);
    expect(await importViolations('server/src/domain/ports/pbx.ts', useIt('../../realtime/gateway.js'))).toHaveLength(1);
  });

  it('when a domain file imports a sibling inside the domain, lint accepts it', async () => {
    expect(await importViolations('server/src/domain/calls/transfer.ts', useIt('../ports/pbx.js'))).toEqual([]);
    expect(await importViolations('server/src/domain/calls/transfer.ts', useIt('./call-state.js'))).toEqual([]);
  });

  it('when a console file imports @ringside/server, lint reports an error', async () => {
    const code = `import { createServer } from '@ringside/server';\nexport const App = () => <div>{String(createServer)}</div>;\n`;
    const messages = await importViolations('agent-console/src/features/softphone/softphone.tsx', code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('@ringside/shared and no other workspace package');
  });

  it('when a console file imports @ringside/shared, lint accepts it', async () => {
    const code = `import { ErrorCode } from '@ringside/shared';\nexport const App = () => <div>{String(ErrorCode)}</div>;\n`;
    expect(await importViolations('agent-console/src/app.tsx', code)).toEqual([]);
  });

  it('when a pbx-config file imports the server by relative path, lint reports an error', async () => {
    const messages = await importViolations('pbx-config/src/render.ts', useIt('../../server/src/main.js'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('pbx-config/src must not reach into other folders');
  });

  it('when pbx-sim imports the server or the console, lint reports an error', async () => {
    expect(await importViolations('pbx-sim/src/ami/server.ts', useIt('@ringside/server'))).toHaveLength(1);
    expect(await importViolations('pbx-sim/src/ami/server.ts', useIt('../../../agent-console/src/app.js'))).toHaveLength(1);
    expect(await importViolations('pbx-sim/src/ami/server.ts', useIt('@ringside/shared'))).toEqual([]);
  });
});
