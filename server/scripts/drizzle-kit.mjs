// Runs drizzle-kit with drizzle-orm resolved from this workspace (see drizzle-kit-hooks.mjs).
import { register, createRequire } from 'node:module';

register('./drizzle-kit-hooks.mjs', import.meta.url);
process.env.NODE_PATH = new URL('../node_modules', import.meta.url).pathname;
createRequire(import.meta.url)('node:module').Module._initPaths();
const require = createRequire(new URL('../../package.json', import.meta.url));
const kitDir = require.resolve('drizzle-kit').replace(/index\.js$/, '');
await import(`${kitDir}bin.cjs`);
