import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { RingsideError } from '@ringside/shared';
import { asSystem } from '../db/tenant-scope.js';
import type { JobService } from '../jobs/job-service.js';
import type { TenantService } from '../tenancy/tenant-service.js';
import type { TenantUsageService } from '../tenancy/tenant-usage.js';
import { currentUser } from './auth-middleware.js';

const uuid = z.uuid();

function tenantIdOf(raw: string | undefined): string {
  // A malformed id names no tenant: the same answer as an unknown one.
  if (!uuid.safeParse(raw).success) throw new RingsideError('TENANT_NOT_FOUND', 'no such tenant');
  return String(raw);
}

/**
 * Only platform operators pass (FORBIDDEN otherwise), whatever their role in the session's tenant:
 * a tenant admin manages their own tenant, never the platform.
 */
export const requirePlatformOperator: RequestHandler = (_req, res, next) => {
  if (!currentUser(res).platformOperator) throw new RingsideError('FORBIDDEN', 'this needs a platform operator');
  next();
};

/** /api/platform: the platform operator's tenants (lifecycle, limits, usage) and the deletion jobs. Mount after requireSession. */
export function platformRouter(deps: { tenants: TenantService; usage: TenantUsageService; jobs: JobService }): Router {
  const router = Router();
  router.use(requirePlatformOperator);
  router.get('/tenants', async (_req, res) => {
    res.json({ tenants: await deps.tenants.list() });
  });
  router.post('/tenants', async (req, res) => {
    res.status(201).json({ tenant: await deps.tenants.create(req.body) });
  });
  router.get('/tenants/:id', async (req, res) => {
    res.json({ tenant: await deps.tenants.get(tenantIdOf(req.params.id)) });
  });
  router.patch('/tenants/:id', async (req, res) => {
    res.json({ tenant: await deps.tenants.update(tenantIdOf(req.params.id), req.body) });
  });
  router.post('/tenants/:id/suspend', async (req, res) => {
    res.json({ tenant: await deps.tenants.suspend(tenantIdOf(req.params.id)) });
  });
  router.post('/tenants/:id/reactivate', async (req, res) => {
    res.json({ tenant: await deps.tenants.reactivate(tenantIdOf(req.params.id)) });
  });
  router.delete('/tenants/:id', async (req, res) => {
    res.status(202).json(await deps.tenants.delete(tenantIdOf(req.params.id), currentUser(res).id));
  });
  router.get('/tenants/:id/usage', async (req, res) => {
    res.json(await deps.usage.usage(tenantIdOf(req.params.id)));
  });
  // The deletion jobs are platform work (no tenant's jobs page lists them): the operator follows them here.
  router.get('/jobs/:id', async (req, res) => {
    res.json(await asSystem(() => deps.jobs.get(String(req.params.id))));
  });
  return router;
}
