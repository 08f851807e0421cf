import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { useConsoleServer } from '../support/console-server.js';

// The platform operator creates a tenant in Chromium (the form shows the schema's errors first),
// makes an existing agent its admin, reads its usage chart; that agent, now in two tenants,
// switches tenant in the header; the operator then deletes the tenant and follows the job.
describe('the platform page and the tenant switcher in the browser', () => {
  const rig = useConsoleServer();

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${rig.url}/`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  }

  it('an operator creates a tenant, its new member switches into it, the operator deletes it', async () => {
    const operator = await rig.browser.newPage();
    await signIn(operator, 'operator', 'operator-demo');
    await operator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Platform' }).click();
    await operator.getByRole('row', { name: /Default/ }).waitFor({ timeout: 15_000 });

    const form = operator.getByRole('form', { name: 'New tenant' });
    await form.getByLabel('Slug').fill('Not Valid!');
    await form.getByRole('button', { name: 'Create tenant' }).click();
    expect(await form.getByLabel('Slug').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Slug').fill('globex');
    await form.getByLabel('Name', { exact: true }).fill('Globex Outsourcing');
    await form.getByLabel('First admin (username)').fill('agent1');
    await form.getByLabel('Agents limit').fill('5');
    await form.getByRole('button', { name: 'Create tenant' }).click();
    await operator.getByText('Tenant Globex Outsourcing created.').waitFor({ timeout: 15_000 });
    const row = operator.getByRole('row', { name: /Globex Outsourcing/ });
    await row.getByText('Active').waitFor();
    await row.getByRole('button', { name: 'Usage of Globex Outsourcing' }).click();
    const chart = operator.getByRole('img', { name: /Usage of Globex Outsourcing/ });
    await chart.waitFor({ timeout: 15_000 });
    // agent1 is an admin there, not an agent: 0 of the 5 agents.
    expect(await chart.getAttribute('aria-label')).toContain('Agents 0 / 5');
    await screenshot(operator, 'platform-tenants');

    const agent = await rig.browser.newPage();
    await signIn(agent, 'agent1', 'agent-demo');
    const switcher = agent.getByRole('combobox', { name: 'Tenant' });
    await switcher.waitFor({ timeout: 15_000 });
    expect(await switcher.locator('option').allTextContents()).toEqual(['Default', 'Globex Outsourcing']);
    // Sign-in starts in the first tenant by name, the demo tenant, where agent1 is an agent.
    await agent.getByText('Alex Agent (Agent)').waitFor({ timeout: 15_000 });
    await switcher.selectOption({ label: 'Globex Outsourcing' });
    // The console reloads as agent1 in Globex: its admin there, with the admin's pages.
    await agent.getByText('Alex Agent (Administrator)').waitFor({ timeout: 15_000 });
    await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await agent.getByRole('cell', { name: 'agent1' }).first().waitFor({ timeout: 15_000 });
    expect(await agent.getByRole('cell', { name: 'agent2' }).count()).toBe(0);
    expect(await switcher.inputValue()).toBe(await agent.locator('option', { hasText: 'Globex Outsourcing' }).getAttribute('value'));
    await screenshot(agent, 'tenant-switched');

    await row.getByRole('button', { name: 'Suspend Globex Outsourcing' }).click();
    await operator.getByRole('dialog', { name: 'Suspend Globex Outsourcing?' }).getByRole('button', { name: 'Suspend', exact: true }).click();
    await row.getByText('Suspended').waitFor({ timeout: 15_000 });
    await row.getByRole('button', { name: 'Reactivate Globex Outsourcing' }).click();
    await row.getByText('Active').waitFor({ timeout: 15_000 });

    await row.getByRole('button', { name: 'Delete Globex Outsourcing' }).click();
    const dialog = operator.getByRole('dialog', { name: 'Delete Globex Outsourcing?' });
    const yes = dialog.getByRole('button', { name: 'Delete for good' });
    expect(await yes.isDisabled()).toBe(true);
    await dialog.getByLabel('Type globex to confirm').fill('globex');
    await yes.click();
    await operator.getByText('Globex Outsourcing was deleted with all its data.').waitFor({ timeout: 30_000 });
    expect(await operator.getByRole('row', { name: /Globex Outsourcing/ }).count()).toBe(0);
    // agent1's session was in Globex: the suspension ended it (this rig runs no switch, so no socket tells the page; a reload does).
    await agent.reload();
    await agent.getByLabel('Username').waitFor({ timeout: 15_000 });
  }, 120_000);
});
