import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preset } from '../jest.preset.mjs';

const dir = path.dirname(fileURLToPath(import.meta.url));
const base = preset(dir);

export default {
  ...base,
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/src/test-support/setup-tests.ts'],
  moduleNameMapper: {
    // Stylesheets mean nothing in jsdom; the stub keeps `import './x.css'` harmless.
    '\\.css$': '<rootDir>/src/test-support/style-stub.ts',
    ...base.moduleNameMapper,
  },
};
