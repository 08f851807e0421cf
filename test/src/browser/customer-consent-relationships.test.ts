import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { useConsoleServer } from '../support/console-server.js';

// The party model on the built console in Chromium over a real server on PGlite with the demo
// seed: an organisation's people and hierarchy, and recording consent on a contact point.
describe('relationships and consent on the 360 page in the browser', () => {
  const rig = useConsoleServer();

  async function open(page: Page, number: string, name: RegExp) {
    await page.goto(`${rig.url}/customers`);
    const search = page.getByRole('searchbox').or(page.getByRole('textbox', { name: /search/i })).first();
    await search.fill(number);
    const result = page.getByRole('link', { name }).first();
    await result.waitFor({ timeout: 10_000 });
    await result.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  it('Northwind Traders lists its people with the primary contact, and its place in the hierarchy both ways', async () => {
    const page = await rig.browser.newPage();
    await page.goto(`${rig.url}/customers`);
    await page.getByLabel('Username').fill('agent1');
    await page.getByLabel('Password').fill('agent-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    // Not "Northwind Traders West": the list shows everyone until the typed number's results arrive.
    await open(page, '+1 415 555 0102', /Northwind Traders(?! West)/);
    const people = page.getByRole('list', { name: 'People' });
    await people.waitFor();
    await expect(people.getByRole('listitem').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^employs Nora Lind · Purchasing manager primary contact/),
      expect.stringMatching(/^employs Tom Reyes · Accounts payable/),
      expect.stringMatching(/^has contact Priya Shah · Logistics consultant/),
    ]);
    const others = page.getByRole('list', { name: 'Relationships' });
    await expect(others.getByRole('listitem').allTextContents()).resolves.toEqual([expect.stringMatching(/^subsidiary of Northwind Holdings/), expect.stringMatching(/^parent of Northwind Traders West/)]);
    await screenshot(page, 'customer-360-organisation');
    // Both ways: Nora's own page names Northwind.
    await people.getByRole('link', { name: 'Nora Lind' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nora Lind' }).waitFor();
    await expect(page.getByRole('list', { name: 'Relationships' }).textContent()).resolves.toMatch(/employee of Northwind Traders/);
    await page.close();
  }, 90_000);

  it("an agent withdraws Alice's SMS marketing with evidence; state and history change at once and survive a reload", async () => {
    const page = await rig.browser.newPage();
    await page.goto(`${rig.url}/customers`);
    await page.getByLabel('Username').fill('agent1');
    await page.getByLabel('Password').fill('agent-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await open(page, '(415) 555-0100', /Alice Johnson/);
    // One table per contact point; the form records on the first (Alice's main number).
    const table = page.getByRole('table', { name: /Consent for/ }).first();
    const smsMarketing = table.getByRole('row').filter({ hasText: /^SMSMarketing/ });
    await expect(smsMarketing.textContent()).resolves.toMatch(/Granted.*allowed/);
    await page.getByLabel('Channel').selectOption('sms');
    await page.getByLabel('Purpose').selectOption('marketing');
    await page.getByLabel('State').selectOption('withdrawn');
    await page.getByLabel(/Evidence/).fill('asked to stop offers on the call');
    await page.getByRole('button', { name: 'Record' }).click();
    await page.getByText('Consent recorded.').waitFor();
    // The table reloads after the confirmation shows: wait for the new state, then read it.
    await table.getByRole('row').filter({ hasText: /^SMSMarketingWithdrawn/ }).waitFor();
    await expect(smsMarketing.textContent()).resolves.toMatch(/Withdrawn.*not allowed/);
    await screenshot(page, 'customer-360-consent');
    await page.reload();
    await page.getByRole('table', { name: /Consent for/ }).first().waitFor();
    await expect(page.getByRole('table', { name: /Consent for/ }).first().getByRole('row').filter({ hasText: /^SMSMarketing/ }).textContent()).resolves.toMatch(/Withdrawn.*not allowed/);
    await expect(page.getByRole('list', { name: 'Consent history' }).textContent()).resolves.toMatch(/asked to stop offers on the call/);
    await page.close();
  }, 90_000);
});
