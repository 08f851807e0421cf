import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { startCtiRig, UI_TIMEOUT, type CtiRig } from '../support/cti-rig.js';
import { callPanel, goReady, screenPop } from '../support/desk.js';

const ALICE = '+14155550100';

// One call through the whole desk: Alice rings the support queue, agent1 sees her record pop,
// picks up, hands her to agent2 with a blind transfer; agent2 finishes, records the outcome, and
// the call is on Alice's record with that outcome and note.
describe('an agent takes a call, transfers it, and the colleague wraps it up', () => {
  let rig: CtiRig;

  beforeAll(async () => {
    rig = await startCtiRig();
  }, 180_000);

  afterAll(async () => {
    await rig?.stop();
  });

  it("pops Alice Johnson's card for the ringing agent only, transfers her to agent2, and logs agent2's outcome on her timeline", async () => {
    const agent1 = await rig.signIn('agent1', 'agent-demo');
    const agent3 = await rig.signIn('agent3', 'agent-demo');
    await goReady(agent1);
    await goReady(agent3);
    // The desk offers the queues the live dial plan gives: agent1 is always in support and may join sales.
    const queues = agent1.getByRole('region', { name: 'My queues' });
    await queues.getByRole('button', { name: 'Log in to sales' }).waitFor({ timeout: UI_TIMEOUT });
    await expect(queues.locator('li', { hasText: 'support' }).getByText('Always in this queue').isVisible()).resolves.toBe(true);
    await screenshot(agent1, 'agent-desk-ready');

    const caller = await rig.sim.placeCall({ exten: '5001', callerNum: ALICE, callerName: 'Alice Johnson' });

    const pop = screenPop(agent1);
    await pop.getByRole('link', { name: 'Alice Johnson' }).waitFor({ timeout: UI_TIMEOUT });
    await expect(pop.getByText('Key account; prefers morning calls.').isVisible()).resolves.toBe(true);
    await callPanel(agent1).getByText('Ringing').first().waitFor({ timeout: UI_TIMEOUT });
    await screenshot(agent1, 'agent-screen-pop-ringing');

    // Answered from the console: the server tells the simulated desk phone to pick up.
    await agent1.getByRole('button', { name: 'Answer', exact: true }).click();
    await agent1.locator('.agent-state .agent-status--on_call').waitFor({ timeout: UI_TIMEOUT });
    await callPanel(agent1).getByText('Connected').waitFor({ timeout: UI_TIMEOUT });
    await screenshot(agent1, 'agent-on-call');

    // agent3 serves the sales queue only: their desk never saw Alice.
    await expect(agent3.getByText('No call right now.').isVisible()).resolves.toBe(true);
    await expect(agent3.getByText(/Alice Johnson/).count()).resolves.toBe(0);
    await screenshot(agent3, 'agent3-desk-untouched');

    const agent2 = await rig.signIn('agent2', 'agent-demo');
    await agent2.getByRole('heading', { name: 'My state' }).waitFor({ timeout: UI_TIMEOUT });

    await callPanel(agent1).getByRole('button', { name: 'Transfer' }).click();
    const dialog = agent1.getByRole('dialog', { name: 'Transfer the call' });
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    await dialog.getByLabel('Blind: hand the caller over now').check();
    // agent2 signed in after agent1's snapshot: the dialog fetches the directory as it is now.
    await dialog.getByRole('radio', { name: /Blair Agent \(extension 1002\)/ }).check({ timeout: UI_TIMEOUT });
    await screenshot(agent1, 'agent-transfer-dialog');
    await dialog.getByRole('button', { name: 'Transfer now' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    // The caller has left agent1's desk: no live call, and agent1 may note their part of it.
    await agent1.getByText('No call right now.').waitFor({ timeout: UI_TIMEOUT });

    await callPanel(agent2).waitFor({ timeout: UI_TIMEOUT });
    await agent2.locator('.agent-state .agent-status--ringing').waitFor({ timeout: UI_TIMEOUT });
    await screenshot(agent2, 'agent2-transfer-ringing');
    await agent2.getByRole('button', { name: 'Answer', exact: true }).click();
    await agent2.locator('.agent-state .agent-status--on_call').waitFor({ timeout: UI_TIMEOUT });
    await callPanel(agent2).getByText('Connected').waitFor({ timeout: UI_TIMEOUT });
    await expect(callPanel(agent2).getByText(/415/).first().isVisible()).resolves.toBe(true);
    await screenshot(agent2, 'agent2-transferred-call');

    await rig.sim.hangUp(caller.channel);
    const wrapUp = agent2.locator('section.wrap-up');
    await wrapUp.waitFor({ timeout: UI_TIMEOUT });
    await wrapUp.getByLabel('Outcome').selectOption({ label: 'Callback agreed' });
    await wrapUp.getByLabel('Notes (optional)').fill('Wants a callback about the renewal on Monday.');
    await wrapUp.getByRole('button', { name: 'Save outcome' }).click();
    await wrapUp.getByText('Outcome saved.').waitFor({ timeout: UI_TIMEOUT });
    await screenshot(agent2, 'agent2-wrap-up-saved');

    await agent2.getByRole('link', { name: 'Customers' }).click();
    await openCustomer(agent2, '(415) 555-0100', 'Alice Johnson');
    const entry = agent2.locator('.timeline__entry').filter({ hasText: 'Wants a callback about the renewal on Monday.' });
    await entry.waitFor({ timeout: UI_TIMEOUT });
    await expect(entry.getByText('Callback agreed', { exact: true }).isVisible()).resolves.toBe(true);
    await screenshot(agent2, 'customer-timeline-after-call');
    expect(rig.browserErrors()).toEqual([]);
  }, 240_000);
});

async function openCustomer(page: Page, query: string, name: string): Promise<void> {
  const search = page.getByRole('searchbox').first();
  await search.fill(query);
  const result = page.getByRole('link', { name: new RegExp(name) }).first();
  await result.waitFor({ timeout: UI_TIMEOUT });
  await result.click();
  await page.getByRole('heading', { name: new RegExp(name) }).waitFor({ timeout: UI_TIMEOUT });
}
