import type { Locator, Page } from 'playwright-core';
import { UI_TIMEOUT } from './cti-rig.js';

/** The agent's live call card on the desk. */
export function callPanel(page: Page): Locator {
  return page.locator('section.call-panel');
}

/** The screen pop: who is calling, as the CRM knows them. */
export function screenPop(page: Page): Locator {
  return page.locator('section.screen-pop');
}

/** The agent's current state line ("Ready · for 0:03"). */
export function agentStatus(page: Page): Locator {
  return page.locator('.agent-state .agent-status');
}

/** Presses Ready on the desk and waits until the server says the agent is ready. */
export async function goReady(page: Page): Promise<void> {
  const ready = page.getByRole('button', { name: 'Ready', exact: true });
  await ready.waitFor({ timeout: UI_TIMEOUT });
  if (await ready.isEnabled()) await ready.click();
  await page.locator('.agent-state .agent-status--ready').waitFor({ timeout: UI_TIMEOUT });
}

/** The wallboard tile of one queue. */
export function queueTile(page: Page, queue: string): Locator {
  return page.locator('article.tile').filter({ has: page.getByRole('heading', { name: queue, exact: true }) });
}

/** The value cell of a labelled figure in a queue tile ("Waiting", "Abandoned", ...). */
export function tileMetric(tile: Locator, label: string): Locator {
  return tile.locator('.metric').filter({ has: tile.page().locator('dt', { hasText: new RegExp(`^${label}`) }) }).locator('dd');
}

/** Waits until `locator` shows exactly `value` (an alert glyph in front is allowed). */
export async function waitForValue(locator: Locator, value: string): Promise<void> {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await locator.filter({ hasText: new RegExp(`^\\s*(⚠\\s*)?${escaped}\\s*$`) }).waitFor({ timeout: UI_TIMEOUT });
}

/** The wallboard's row of one agent. */
export function agentRow(page: Page, name: string): Locator {
  return page.locator('table.table tbody tr').filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) });
}
