// Shared jest settings: TypeScript through swc, native ESM (run with --experimental-vm-modules),
// and workspace imports mapped to sources so tests never need a prior build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

/** @param {string} dir the workspace folder; @param {object} extra overrides */
export function preset(dir, extra = {}) {
  return {
    rootDir: dir,
    displayName: path.basename(dir),
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts', '.tsx'],
    transform: {
      '^.+\\.(t|j)sx?$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', tsx: true },
            target: 'es2022',
            transform: { react: { runtime: 'automatic' } },
          },
          module: { type: 'es6' },
        },
      ],
    },
    moduleNameMapper: {
      '^@ringside/shared$': path.join(root, 'shared/src/index.ts'),
      '^@ringside/shared/(.*)$': path.join(root, 'shared/src/$1'),
      '^@ringside/pbx-sim$': path.join(root, 'pbx-sim/src/index.ts'),
      '^@ringside/pbx-config$': path.join(root, 'pbx-config/src/index.ts'),
      '^@ringside/server$': path.join(root, 'server/src/index.ts'),
      // The ESM build imports JSON without an import attribute, which jest deprecates; the CJS build is the same code.
      '^libphonenumber-js/max$': path.join(root, 'node_modules/libphonenumber-js/max/index.cjs'),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    ...extra,
  };
}
