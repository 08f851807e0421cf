import type { Locator, Page } from 'playwright-core';
import type { DialPlan } from '@ringside/shared';
import { renderExtensionsConf, renderHttpConf, renderPjsipConf, renderQueuesConf } from '@ringside/pbx-config';
import { UI_TIMEOUT } from './cti-rig.js';

/** The lines one rendered file gains and loses, each list sorted so two diffs compare as multisets. */
export interface FileChange {
  added: string[];
  removed: string[];
}

/**
 * The secret-free files a published version stores and the console's diff compares, rendered
 * straight by pbx-config: the test's own idea of what an edit must change, independent of the
 * server's diff code.
 */
export function renderPublic(plan: DialPlan): Record<string, string> {
  return {
    'ringside-extensions.conf': renderExtensionsConf(plan),
    'ringside-queues.conf': renderQueuesConf(plan),
    'ringside-pjsip.conf': renderPjsipConf(plan),
    'ringside-http.conf': renderHttpConf(plan),
  };
}

function multisetMinus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const line of b) left.set(line, (left.get(line) ?? 0) + 1);
  const out: string[] = [];
  for (const line of a) {
    const n = left.get(line) ?? 0;
    if (n > 0) left.set(line, n - 1);
    else out.push(line);
  }
  return out.sort();
}

const linesOf = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** Per changed file, the lines `after` has that `before` lacks and the reverse (unchanged files left out). */
export function expectedChanges(before: DialPlan, after: DialPlan): Record<string, FileChange> {
  const old = renderPublic(before);
  const next = renderPublic(after);
  const out: Record<string, FileChange> = {};
  for (const name of Object.keys(next)) {
    const a = linesOf(old[name] ?? '');
    const b = linesOf(next[name] ?? '');
    const change = { added: multisetMinus(b, a), removed: multisetMinus(a, b) };
    if (change.added.length || change.removed.length) out[name] = change;
  }
  return out;
}

/** What the console's diff view shows: per changed file, its + and - lines (sorted). */
export async function shownChanges(page: Page): Promise<Record<string, FileChange>> {
  const out: Record<string, FileChange> = {};
  for (const file of await page.locator('.diff-view section.diff-file').all()) {
    const name = (await file.locator('h3 code').textContent())?.trim() ?? '';
    const texts = (rows: Locator) => rows.locator('td.diff__text').allTextContents();
    out[name] = {
      added: (await texts(file.locator('tr.diff__line--add'))).sort(),
      removed: (await texts(file.locator('tr.diff__line--del'))).sort(),
    };
  }
  return out;
}

/** Opens one section of the dial-plan pages through its tab and waits for it to show. */
export async function openSection(page: Page, tab: string, ready: Locator): Promise<void> {
  await page.getByRole('navigation', { name: 'Dial-plan sections' }).getByRole('link', { name: tab, exact: false }).click();
  await ready.waitFor({ timeout: UI_TIMEOUT });
}

/** The row of version `number` in the versions table. */
export function versionRow(page: Page, number: number): Locator {
  return page
    .locator('table.versions tbody tr')
    .filter({ has: page.locator('th', { hasText: new RegExp(`^${number}(\\D|$)`) }) });
}
