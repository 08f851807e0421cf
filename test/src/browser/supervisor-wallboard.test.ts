import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { screenshot } from '../support/browser.js';
import { startCtiRig, UI_TIMEOUT, type CtiRig } from '../support/cti-rig.js';
import { agentRow, queueTile, tileMetric, waitForValue } from '../support/desk.js';

// The supervisor's wall: a caller who nobody answers shows as waiting, and as abandoned once they
// give up; an agent taking a break shows with the reason they gave.
describe("the supervisor's wallboard follows the queue and the agents live", () => {
  let rig: CtiRig;

  beforeAll(async () => {
    // Phones never pick up by themselves: a caller in the queue stays waiting until they hang up.
    rig = await startCtiRig({ SIM_AUTO_ANSWER_MS: '0' });
  }, 180_000);

  afterAll(async () => {
    await rig?.stop();
  });

  it('counts a caller waiting in support, then as abandoned when they hang up', async () => {
    const board = await rig.signIn('supervisor', 'supervisor-demo', '/wallboard');
    await board.getByRole('heading', { name: 'Wallboard', level: 1 }).waitFor({ timeout: UI_TIMEOUT });
    const support = queueTile(board, 'support');
    await support.waitFor({ timeout: UI_TIMEOUT });
    await waitForValue(tileMetric(support, 'Waiting'), '0');
    await waitForValue(tileMetric(support, 'Abandoned'), '—');
    await screenshot(board, 'wallboard-idle');

    const caller = await rig.sim.placeCall({ exten: '5001', callerNum: '+14155550101', callerName: 'Bob Martinez' });
    await waitForValue(tileMetric(support, 'Waiting'), '1');
    await expect(tileMetric(support, 'Longest wait').textContent()).resolves.not.toContain('—');
    await screenshot(board, 'wallboard-caller-waiting');

    await rig.sim.hangUp(caller.channel);
    await waitForValue(tileMetric(support, 'Waiting'), '0');
    await waitForValue(tileMetric(support, 'Abandoned'), '100 %');
    // The interval table behind the chart counts the call as offered and abandoned, not answered.
    // Summed over intervals: the join and the hang-up may fall either side of a quarter hour.
    const rows = board.locator('figure.chart table').filter({ has: board.locator('caption', { hasText: 'Calls per 15 minutes' }) }).locator('tbody tr');
    await rows.first().waitFor({ state: 'attached', timeout: UI_TIMEOUT });
    const totals = [0, 0, 0];
    for (const row of await rows.all()) (await row.locator('td').allTextContents()).forEach((v, i) => (totals[i]! += Number(v)));
    expect(totals).toEqual([1, 0, 1]);
    await screenshot(board, 'wallboard-abandoned');
    expect(rig.browserErrors()).toEqual([]);
  }, 180_000);

  it('shows an agent who pauses for lunch as paused, with that reason', async () => {
    const board = await rig.signIn('supervisor', 'supervisor-demo', '/wallboard');
    const agent1 = await rig.signIn('agent1', 'agent-demo');
    await agent1.getByRole('heading', { name: 'My state' }).waitFor({ timeout: UI_TIMEOUT });
    await agent1.getByLabel('Pause reason').selectOption('Lunch');
    await agent1.getByRole('button', { name: 'Pause', exact: true }).click();
    await agent1.locator('.agent-state .agent-status--paused').filter({ hasText: 'Lunch' }).waitFor({ timeout: UI_TIMEOUT });

    const row = agentRow(board, 'Alex Agent');
    await row.locator('td').nth(0).filter({ hasText: 'Paused' }).waitFor({ timeout: UI_TIMEOUT });
    await waitForValue(row.locator('td').nth(1), 'Lunch');
    // Nobody else took a break.
    await waitForValue(agentRow(board, 'Blair Agent').locator('td').nth(1), '—');
    await screenshot(board, 'wallboard-agent-paused');
    expect(rig.browserErrors()).toEqual([]);
  }, 120_000);
});
