import { Router } from 'express';
import type { Readiness } from '@ringside/shared';
import type { Database } from '../db/database.js';
import type { PbxStatus } from '../domain/ports/pbx-status.js';

/** Probes the database and asks the PBX adapter; ready when the database answers and the PBX is connected or not in use. */
export async function checkReadiness(database: Database, pbx: PbxStatus): Promise<Readiness> {
  let dbState: Readiness['database'] = { ok: true, driver: database.driver };
  try {
    await database.ping();
  } catch (err) {
    dbState = { ok: false, driver: database.driver, error: err instanceof Error ? err.message : String(err) };
  }
  const state = pbx.state();
  const pbxReady = pbx.mode === 'none' || state === 'connected' || state === 'disabled';
  return { ready: dbState.ok && pbxReady, database: dbState, pbx: { state, mode: pbx.mode } };
}

/** GET /healthz (the process is alive) and GET /readyz (it can serve: 503 otherwise). */
export function healthRouter(deps: { database: Database; pbx: PbxStatus; startedAt: number; now?: () => number }): Router {
  const now = deps.now ?? Date.now;
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.floor((now() - deps.startedAt) / 1000) });
  });
  router.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(deps.database, deps.pbx);
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  return router;
}
