import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screenshot } from '../support/browser.js';
import { startCtiRig, UI_TIMEOUT, type CtiRig } from '../support/cti-rig.js';

// An admin deactivates an agent while the agent's console is open in another browser: the
// agent's console drops to the sign-in page at once, saying why, without a reload.
describe('a deactivated agent is signed out of their open console', () => {
  let rig: CtiRig;

  beforeAll(async () => {
    rig = await startCtiRig();
  }, 180_000);

  afterAll(async () => {
    await rig?.stop();
  });

  it('the admin deactivates agent2 in one browser; the agent’s console shows the sign-out reason', async () => {
    const agent = await rig.signIn('agent2', 'agent-demo');
    await agent.getByRole('heading', { name: 'My state' }).waitFor({ timeout: UI_TIMEOUT });
    const admin = await rig.signIn('admin', 'admin-demo', '/admin/users');
    await admin.getByRole('button', { name: 'Edit agent2' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit agent2' });
    await dialog.getByLabel('Active (may sign in)').uncheck();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Changes to agent2 are saved.').waitFor({ timeout: UI_TIMEOUT });

    await agent.getByText('You were signed out: an admin deactivated your account.').waitFor({ timeout: UI_TIMEOUT });
    await agent.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(agent.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
    await screenshot(agent, 'signed-out-deactivated');
    expect(rig.browserErrors()).toEqual([]);
  }, 120_000);
});
