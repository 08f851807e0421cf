import { DEFAULT_TENANT_ID } from '@ringside/shared';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { CandidateRepository, PartyReads, duplicateScanJob, inTenant } from '@ringside/server';
import { screenshot } from '../support/browser.js';
import { useConsoleServer } from '../support/console-server.js';

// Identity resolution on the built console in Chromium over a real server on PGlite with the
// demo seed: the duplicate scan fills the queue, a supervisor merges a pair side by side, the
// survivor's 360 page shows what both records had, and undo there gives both back.
describe('merging duplicates in the browser', () => {
  const rig = useConsoleServer();

  const signIn = (page: Page, user = 'supervisor', password = 'supervisor-demo', at = '/identity') => rig.signIn(page, user, password, at);

  it('a supervisor merges a pair from the queue, the 360 shows both, and undo restores both', async () => {
    const page = await rig.browser.newPage();
    await signIn(page);
    const create = async (body: object) => {
      const res = await page.request.post(`${rig.url}/api/customers`, { data: body, headers: { origin: rig.url } });
      expect(res.status()).toBe(201);
      return ((await res.json()) as { customer: { id: string } }).customer.id;
    };
    const keptId = await create({ firstName: 'Quentin', lastName: 'Zarkov', birthDate: '1971-07-07', notes: 'Calls about invoices', contactPoints: [{ kind: 'phone', value: '(628) 555-0191' }, { kind: 'email', value: 'q.zarkov@example.org' }] });
    // The API would warn of the duplicate (409 DUPLICATE_SUSPECTED); this test makes one on purpose.
    const goneId = await create({ confirmDuplicate: true, firstName: 'Quentin', lastName: 'Zarkov', birthDate: '1971-07-07', salutation: 'Mr', notes: 'Wants paper statements', contactPoints: [{ kind: 'phone', value: '(628) 555-0192' }, { kind: 'email', value: 'Q.Zarkov@example.org' }] });
    const interactions = rig.server.parts().interactions;
    // Written as the switch's CTI would, in the demo tenant's scope.
    for (const [id, leg] of [[keptId, 'qz-1'], [goneId, 'qz-2']] as const) {
      await inTenant(DEFAULT_TENANT_ID, () => interactions.record({ legId: leg, linkedid: leg, agentId: null, customerId: id, queue: 'support', direction: 'inbound', channel: 'voice', callerNumber: null, offeredAt: Date.now() - 60_000, answeredAt: null, endedAt: Date.now() - 30_000, waitSeconds: 30, talkSeconds: 0, holdSeconds: 0, abandoned: true, disposition: null, notes: null, recording: null }));
    }
    // The job queue runs this handler in production; here the test runs it, as its tests do.
    const { database } = rig.server.parts();
    await inTenant(DEFAULT_TENANT_ID, () =>
      duplicateScanJob({ candidates: new CandidateRepository(database, new PartyReads(database)) })({}, { jobId: 'e2e', attempt: 1, signal: new AbortController().signal, progress: async () => undefined }),
    );

    await page.getByRole('button', { name: 'Reload' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Quentin Zarkov' });
    await expect(row.textContent()).resolves.toMatch(/email_exact.*birth_date_exact/);
    await screenshot(page, 'identity-review-queue');
    await row.getByRole('link', { name: /Compare and merge/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Merge two records' }).waitFor();
    // The queue lists a pair by id order: keep the record created first whichever column it is in, and its notes by hand.
    const keptColumn = page.getByRole('columnheader').filter({ hasText: 'Keep this record' });
    await keptColumn.nth(keptId < goneId ? 0 : 1).getByRole('radio').check();
    await page.getByRole('radio', { name: 'Notes: Calls about invoices' }).check();
    await screenshot(page, 'identity-merge-side-by-side');
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Merged Quentin Zarkov into this record.' }).waitFor();
    await page.getByRole('link', { name: 'Open the merged record' }).click();

    await page.getByRole('heading', { level: 1, name: 'Quentin Zarkov' }).waitFor();
    expect(page.url()).toBe(`${rig.url}/customers/${keptId}`);
    const contact = page.locator('ul.contacts');
    await expect(contact.textContent()).resolves.toMatch(/555 0191.*q\.zarkov@example\.org.*555 0192/s);
    await expect(page.locator('p.notes').textContent()).resolves.toBe('Calls about invoices');
    await expect(page.getByRole('heading', { name: 'Interactions (2)' }).count()).resolves.toBe(1);
    await expect(page.getByText('Mr', { exact: true }).count()).resolves.toBe(1);
    await page.getByRole('list', { name: 'History' }).getByText(/Sam Supervisor merged a duplicate into this record/).waitFor();
    await screenshot(page, 'identity-merged-360');

    // The merged-away id opens the survivor.
    await page.goto(`${rig.url}/customers/${goneId}`);
    await page.getByRole('status').filter({ hasText: 'The record you opened was merged into this one.' }).waitFor();
    await page.getByText('Merged from Quentin Zarkov').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('heading', { name: 'Interactions (1)' }).waitFor();
    await expect(page.getByText('Merged from Quentin Zarkov').count()).resolves.toBe(0);
    expect(page.url()).toBe(`${rig.url}/customers/${goneId}`);
    await expect(page.locator('ul.contacts').textContent()).resolves.not.toMatch(/0191/);
    await expect(page.locator('p.notes').textContent()).resolves.toBe('Wants paper statements');
    await page.goto(`${rig.url}/customers/${keptId}`);
    await page.getByRole('heading', { name: 'Interactions (1)' }).waitFor();
    await expect(page.locator('ul.contacts').textContent()).resolves.not.toMatch(/0192/);
    await page.close();
  }, 120_000);

  it('an admin changes a rule weight that stays changed; a supervisor sees the rules but cannot change them', async () => {
    const page = await rig.browser.newPage();
    await signIn(page, 'admin', 'admin-demo', '/identity/rules');
    const weight = page.getByLabel('phone_exact Weight');
    await expect(weight.inputValue()).resolves.toBe('5');
    await weight.fill('4');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByRole('status').filter({ hasText: 'The next scan uses them' }).waitFor();
    await page.reload();
    await expect(page.getByLabel('phone_exact Weight').inputValue()).resolves.toBe('4');
    await page.getByLabel('Review at').fill('50');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByRole('alert').filter({ hasText: /review threshold must not exceed/ }).waitFor();
    await page.close();

    const supervisor = await rig.browser.newPage();
    await signIn(supervisor, 'supervisor', 'supervisor-demo', '/identity/rules');
    await expect(supervisor.getByLabel('phone_exact Weight').isDisabled()).resolves.toBe(true);
    await expect(supervisor.getByRole('button', { name: 'Save rules' }).count()).resolves.toBe(0);
    await supervisor.close();
  }, 60_000);
});
