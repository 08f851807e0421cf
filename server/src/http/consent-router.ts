import { Router } from 'express';
import type { ConsentRepository } from '../crm/customers/consent-repository.js';
import type { ConsentService } from '../crm/customers/consent-service.js';
import { importDncList } from '../crm/customers/import-dnc-list.js';
import { currentUser, requireRole } from './auth-middleware.js';

/** /api/customers/:id/consent: a customer's consent and its history; every role may record a change. */
export function customerConsentRouter(consent: ConsentService): Router {
  const router = Router();
  router.get('/:id/consent', async (req, res) => {
    res.json(await consent.forCustomer(req.params.id));
  });
  router.post('/:id/consent', async (req, res) => {
    res.status(201).json({ event: await consent.record(req.params.id, req.body, currentUser(res)) });
  });
  return router;
}

/** /api/consent/dnc-import: an admin streams a do-not-call CSV (text/csv body) into the ledger. */
export function consentAdminRouter(ledger: ConsentRepository, options: { defaultCountry: string }): Router {
  const router = Router();
  router.post('/dnc-import', requireRole('admin'), async (req, res) => {
    const user = currentUser(res);
    res.json(await importDncList(ledger, req, req.query, { defaultCountry: options.defaultCountry, actor: user.id }));
  });
  return router;
}
