import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { startCtiRig, UI_TIMEOUT, type CtiRig } from '../support/cti-rig.js';
import { callPanel, goReady, screenPop } from '../support/desk.js';

const STRANGER = '+14155559123';
const SHARED_LINE = '+14155550199';

// Callers the CRM cannot name with certainty: a stranger gets a prefilled form and is known on the
// next call; a home line shared by two customers asks the agent which one is calling.
describe('callers the CRM does not know for sure', () => {
  let rig: CtiRig;
  let agent: Page;

  beforeAll(async () => {
    rig = await startCtiRig();
    agent = await rig.signIn('agent1', 'agent-demo');
    await goReady(agent);
  }, 180_000);

  afterAll(async () => {
    await rig?.stop();
  });

  /** A caller rings support; agent1's phone picks up once the pop is on screen. Returns the hang-up. */
  async function callIn(number: string): Promise<() => Promise<void>> {
    const caller = await rig.sim.placeCall({ exten: '5001', callerNum: number });
    // The previous call's card can still be on screen: wait for this call to ring the agent.
    await agent.locator('.agent-state .agent-status--ringing').waitFor({ timeout: UI_TIMEOUT });
    await screenPop(agent).waitFor({ timeout: UI_TIMEOUT });
    await rig.sim.answerPhone('1001');
    await callPanel(agent).getByText('Connected').waitFor({ timeout: UI_TIMEOUT });
    return async () => {
      await rig.sim.hangUp(caller.channel);
      const wrapUp = agent.locator('section.wrap-up');
      await wrapUp.waitFor({ timeout: UI_TIMEOUT });
      await wrapUp.getByRole('button', { name: 'Ready for the next call' }).click();
      await agent.locator('.agent-state .agent-status--ready').waitFor({ timeout: UI_TIMEOUT });
      await agent.getByText('No call right now.').waitFor({ timeout: UI_TIMEOUT });
    };
  }

  it("offers a form prefilled with a stranger's number, and pops the saved customer on their next call", async () => {
    const hangUp = await callIn(STRANGER);
    const pop = screenPop(agent);
    await pop.getByText('No customer has this number yet. Add the caller:').waitFor({ timeout: UI_TIMEOUT });
    const number = pop.getByLabel('Number or address of contact 1');
    await expect(number.inputValue()).resolves.toBe(STRANGER);
    await screenshot(agent, 'pop-unknown-caller-form');

    await pop.getByLabel('First name').fill('Nora');
    await pop.getByLabel('Last name').fill('Quinn');
    await pop.getByLabel('Company').fill('Litware');
    await pop.getByRole('button', { name: 'Create customer' }).click();
    await pop.getByRole('link', { name: 'Nora Quinn' }).waitFor({ timeout: UI_TIMEOUT });
    await screenshot(agent, 'pop-unknown-caller-saved');
    await hangUp();

    const hangUpAgain = await callIn(STRANGER);
    await pop.getByRole('link', { name: 'Nora Quinn' }).waitFor({ timeout: UI_TIMEOUT });
    await expect(pop.getByText('No customer has this number yet. Add the caller:').count()).resolves.toBe(0);
    await expect(callPanel(agent).getByText('Nora Quinn').isVisible()).resolves.toBe(true);
    await screenshot(agent, 'pop-known-after-save');
    await hangUpAgain();
    expect(rig.browserErrors()).toEqual([]);
  }, 180_000);

  it('lets the agent choose between the two Okafors who share a home line', async () => {
    const hangUp = await callIn(SHARED_LINE);
    const pop = screenPop(agent);
    await pop.getByText('2 customers have this number. Choose the caller:').waitFor({ timeout: UI_TIMEOUT });
    await expect(pop.getByRole('button', { name: /^This is / }).allTextContents()).resolves.toEqual(
      expect.arrayContaining(['This is David Okafor', 'This is Erin Okafor']),
    );
    await expect(pop.getByRole('button', { name: /^This is / }).count()).resolves.toBe(2);
    await screenshot(agent, 'pop-ambiguous-chooser');

    await pop.getByRole('button', { name: 'This is Erin Okafor' }).click();
    await pop.getByRole('link', { name: 'Erin Okafor' }).waitFor({ timeout: UI_TIMEOUT });
    await expect(pop.getByText('Shares the home line with David.').isVisible()).resolves.toBe(true);
    await screenshot(agent, 'pop-ambiguous-chosen');
    await hangUp();
    expect(rig.browserErrors()).toEqual([]);
  }, 120_000);
});
