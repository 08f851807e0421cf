import { describe, expect, it } from '@jest/globals';
import { screenshot } from '../support/browser.js';
import { useConsoleServer } from '../support/console-server.js';

// The first thing a new user meets: the built console served by a real server on PGlite,
// in real Chromium. Signing in, finding a demo customer by a phone number typed the way a
// caller would say it, and opening their record.
describe('signing in and finding a customer in the browser', () => {
  const rig = useConsoleServer();

  it('refuses a wrong password, then signs in and finds Alice Johnson by her number in another format', async () => {
    const page = await rig.browser.newPage();
    await page.goto(`${rig.url}/customers`);
    await page.getByLabel('Username').fill('agent1');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Wrong username or password.').waitFor()).resolves.toBeUndefined();
    await screenshot(page, 'login-error');

    await page.getByLabel('Password').fill('agent-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(`${rig.url}/customers`);
    const search = page.getByRole('searchbox').or(page.getByRole('textbox', { name: /search/i })).first();
    await search.fill('(415) 555-0100');
    const result = page.getByRole('link', { name: /Alice Johnson/ }).first();
    await result.waitFor({ timeout: 10_000 });
    await screenshot(page, 'customer-search');
    await result.click();
    await page.getByRole('heading', { name: /Alice Johnson/ }).waitFor();
    await expect(page.getByText(/\+1 415 555 0100/).first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'customer-360');
    await page.close();
  }, 60_000);

  it('keeps a signed-out visitor on the sign-in page when they open a deep link', async () => {
    const page = await rig.browser.newPage();
    await page.goto(`${rig.url}/customers/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.getByRole('heading', { name: /Alice/ }).count()).resolves.toBe(0);
    await page.close();
  }, 30_000);
});
