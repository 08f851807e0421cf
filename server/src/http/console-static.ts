import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

const NOT_BUILT = (dir: string) =>
  `The agent console is not built (looked in ${dir}).\nRun \`npm run build\` at the repository root, or set CONSOLE_DIR to a built console.\n`;

/**
 * Serves the built console with an SPA fallback to index.html for non-API GETs. Whether the
 * build exists is checked per request, so building after the server started just works.
 */
export function consoleStatic(consoleDir: string): Router {
  const router = Router();
  const index = path.join(consoleDir, 'index.html');
  router.use(express.static(consoleDir, { index: false, fallthrough: true }));
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api/') || req.path === '/api') return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send(NOT_BUILT(consoleDir));
      return;
    }
    res.sendFile(index);
  });
  return router;
}
