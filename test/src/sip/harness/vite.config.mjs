// Builds the softphone harness page; the test passes --outDir. No imports: the test workspace
// does not depend on vite, the agent-console workspace's binary runs this file.
import { fileURLToPath } from 'node:url';

export default {
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  resolve: {
    alias: { '@ringside/shared': fileURLToPath(new URL('../../../../shared/src/index.ts', import.meta.url)) },
  },
  build: { emptyOutDir: true, sourcemap: false, minify: false },
};
