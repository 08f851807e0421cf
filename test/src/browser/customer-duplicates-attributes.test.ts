import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { useConsoleServer } from '../support/console-server.js';

// Custom attributes and duplicate warnings on the built console in Chromium, over a real server
// on PGlite with the demo seed (Carol Nguyen owns +1 415 555 0103).
describe('custom attributes and duplicate warnings in the browser', () => {
  const rig = useConsoleServer();

  const signIn = (page: Page, user: string, password: string, at: string) => rig.signIn(page, user, password, at);

  /** The new-customer form filled with a Carol Nguyen on the seeded Carol's number typed another way. */
  async function fillCarol(page: Page, seats: string) {
    await page.goto(`${rig.url}/customers/new`);
    await page.getByLabel('First name').fill('Carol');
    await page.getByLabel('Last name').fill('Nguyen');
    await page.getByRole('button', { name: 'Add contact point' }).click();
    await page.getByLabel('Number or address of contact 1').fill('(415) 555-0103');
    await page.getByLabel('Seats').fill(seats);
  }

  it('an admin defines attributes; an agent is warned of a duplicate with the evidence, opens it, then saves anyway past a refused value', async () => {
    const admin = await rig.browser.newPage();
    await signIn(admin, 'admin', 'admin-demo', '/admin/customer-attributes');
    await admin.getByRole('link', { name: 'Customer attributes' }).waitFor();
    await admin.getByLabel('Key').fill('seats');
    await admin.getByLabel('Label').fill('Seats');
    await admin.getByLabel('Type').selectOption('number');
    await admin.getByRole('button', { name: 'Define attribute' }).click();
    await admin.getByText('Attribute Seats defined.').waitFor();
    await admin.getByLabel('Key').fill('tier');
    await admin.getByLabel('Label').fill('Tier');
    await admin.getByLabel('Type').selectOption('choice');
    await admin.getByLabel('Options (one per line)').fill('gold\nsilver');
    await admin.getByRole('button', { name: 'Define attribute' }).click();
    await admin.getByText('Attribute Tier defined.').waitFor();
    await expect(admin.getByRole('row').filter({ hasText: 'tier' }).textContent()).resolves.toMatch(/Choice: gold, silver.*active/);
    await screenshot(admin, 'customer-attributes-admin');
    await admin.close();

    const page = await rig.browser.newPage();
    await signIn(page, 'agent1', 'agent-demo', '/customers/new');
    await fillCarol(page, '12');
    await page.getByRole('button', { name: 'Create customer' }).click();
    const warning = page.getByRole('alert', { name: 'This customer may already exist' });
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toMatch(/Carol Nguyen · almost certainly the same · score \d/);
    await warning.getByRole('listitem').filter({ hasText: /^Phone: \+14155550103 ≈ \+14155550103 \(\+5\) phone_exact$/ }).waitFor();
    await warning.getByRole('listitem').filter({ hasText: /^Family name: nguyen ≈ nguyen \(\+2\) family_phonetic$/ }).waitFor();
    await screenshot(page, 'customer-duplicate-warning');
    await warning.getByRole('link', { name: 'Open existing' }).click();
    await page.getByRole('heading', { level: 1, name: 'Carol Nguyen' }).waitFor();
    const existingId = new URL(page.url()).pathname.split('/').pop();

    await fillCarol(page, 'a dozen');
    await page.getByLabel('Tier').selectOption('gold');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await warning.getByRole('button', { name: 'Save anyway' }).click();
    const seats = page.getByLabel('Seats');
    await page.getByText('Seats must be a number').waitFor();
    await expect(seats.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(new URL(page.url()).pathname).toBe('/customers/new');

    await seats.fill('12');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await warning.getByRole('button', { name: 'Save anyway' }).click();
    await page.waitForURL((u) => /^\/customers\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(existingId ?? '-'));
    await page.getByRole('heading', { level: 1, name: 'Carol Nguyen' }).waitFor();
    const attributes = page.getByRole('region', { name: 'Attributes' });
    await expect(attributes.textContent()).resolves.toBe('AttributesSeats12Tiergold');
    await page.close();
  }, 120_000);
});
