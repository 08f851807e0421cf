import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whichever workspace a test runs from. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
