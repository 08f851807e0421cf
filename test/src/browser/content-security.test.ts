import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { startCtiRig, UI_TIMEOUT, type CtiRig } from '../support/cti-rig.js';
import { serveStatic, type StaticServer } from '../support/static-server.js';

// The built console under the server's real Content-Security-Policy: every page of every role
// works with zero violations, an inline script is refused, and another site cannot frame it.
// Violations are collected by a listener installed before any page script runs.

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

// Browser-side code as text: the test project has no DOM types, and this runs before any page script.
const COLLECT_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });`;
const INJECT_INLINE_SCRIPT = `new Promise((resolve) => {
  const script = document.createElement('script');
  script.textContent = 'window.__injected = true';
  document.body.append(script);
  setTimeout(() => resolve(window.__injected === true), 100);
})`;

async function openSignedIn(rig: CtiRig, contexts: BrowserContext[], username: string, password: string): Promise<Page> {
  const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.addInitScript(COLLECT_VIOLATIONS);
  const page = await context.newPage();
  await page.goto(`${rig.url}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: UI_TIMEOUT });
  return page;
}

const violations = (page: Page) => page.evaluate<Violation[]>('window.__cspViolations');

/** Opens every entry of the main navigation in turn and waits for its page heading. */
async function visitEveryPage(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const names = await nav.getByRole('link').allTextContents();
  for (const name of names) {
    await nav.getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: UI_TIMEOUT });
    // Live pages open their socket and fetch data after the heading; let them settle.
    await page.waitForLoadState('networkidle');
  }
  return names;
}

describe('the console under its Content-Security-Policy', () => {
  let rig: CtiRig;
  let site: StaticServer;
  let siteDir: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    rig = await startCtiRig();
    siteDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-framer-'));
    await writeFile(path.join(siteDir, 'own.html'), '<!doctype html><title>own</title><p id="own">own page</p>');
    await writeFile(
      path.join(siteDir, 'index.html'),
      `<!doctype html><title>framer</title><iframe id="own" src="/own.html"></iframe><iframe id="console" src="${rig.url}/"></iframe>`,
    );
    site = await serveStatic(siteDir);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await site?.close();
    await rig?.stop();
    if (siteDir) await rm(siteDir, { recursive: true, force: true });
  });

  it.each([
    ['admin', 'admin-demo'],
    ['supervisor', 'supervisor-demo'],
    ['agent1', 'agent-demo'],
  ])('%s opens every page with no violation', async (username, password) => {
    const page = await openSignedIn(rig, contexts, username, password);
    const visited = await visitEveryPage(page);
    expect(visited.length).toBeGreaterThan(0);
    // A customer's 360 page too: search, open the first hit.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('searchbox').first().fill('Alice');
    await page.getByRole('link', { name: /Alice Johnson/ }).first().click();
    await page.getByRole('heading', { name: /Alice Johnson/ }).first().waitFor({ timeout: UI_TIMEOUT });
    await page.waitForLoadState('networkidle');
    expect(await violations(page)).toEqual([]);
    expect(rig.browserErrors()).toEqual([]);
  }, 120_000);

  it('refuses an inline script injected into the page, and reports it', async () => {
    const page = await openSignedIn(rig, contexts, 'agent2', 'agent-demo');
    const ran = await page.evaluate<boolean>(INJECT_INLINE_SCRIPT);
    expect(ran).toBe(false);
    const seen = await violations(page);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.directive).toBe('script-src-elem');
    expect(seen[0]?.blocked).toBe('inline');
  }, 60_000);

  it('cannot be framed by another site, while the same site frames its own page', async () => {
    const context = await rig.browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    // Chromium reports the refusal on the framing page's console, naming the directive.
    const refusal = page.waitForEvent('console', { predicate: (m) => m.text().includes("frame-ancestors 'none'"), timeout: UI_TIMEOUT });
    await page.goto(`${site.url}/`);
    await page.frameLocator('#own').locator('#own').waitFor({ timeout: UI_TIMEOUT });
    expect((await refusal).text()).toContain(rig.url);
    // Nothing of the console rendered inside the frame.
    const framed = page.frames().find((f) => f.url().startsWith(rig.url));
    const signIn = framed ? await framed.getByRole('button', { name: 'Sign in' }).count() : 0;
    expect(signIn).toBe(0);
  }, 60_000);
});
