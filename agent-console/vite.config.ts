import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const backend = process.env.RINGSIDE_DEV_BACKEND ?? 'http://localhost:3000';
const sharedSrc = fileURLToPath(new URL('../shared/src/', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // Sources, not shared/dist: the console builds and runs without a prior `tsc -b shared`.
    alias: {
      '@ringside/shared': `${sharedSrc}index.ts`,
      // The console only formats numbers and checks possible lengths, which the min metadata covers;
      // max adds per-type validation patterns the browser never uses (about 20 kB gzipped).
      'libphonenumber-js/max': 'libphonenumber-js/min',
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
      '/healthz': backend,
      '/readyz': backend,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // shared only declares schemas and functions; saying so lets the bundle drop the parts the
      // console never imports (dial-plan model, command schemas) instead of keeping every z.object() call.
      treeshake: { moduleSideEffects: (id) => (id.startsWith(sharedSrc) ? false : undefined) },
    },
  },
});
