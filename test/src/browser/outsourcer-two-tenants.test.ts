import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { DialPlanDraftReply } from '@ringside/shared';
import { screenshot } from '../support/browser.js';
import { startCtiRig, UI_TIMEOUT, type CtiRig } from '../support/cti-rig.js';
import { agentRow, callPanel, goReady, screenPop } from '../support/desk.js';

// Issue 22's "done when": olivia works for an outsourcer that answers for two companies on one
// switch, the demo's default tenant and Acme Insurance. Both know Alice Johnson by the same mobile
// number, each with its own record. Olivia takes Alice's call for Acme (through Acme's IVR, option 2,
// claims), switches tenant in the header, takes her call for the default tenant (queue support), and
// each pop shows only that company's record. Acme's admin, meanwhile, reaches nothing of the default
// tenant: not the customer page, not the API, not the live call on the wallboard.

const ALICE = '+14155550100';
const DEFAULT_NOTE = 'Key account; prefers morning calls.';
const ACME_NOTE = 'Home and car policies with Acme.';

async function apiLogin(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function apiJson<T>(url: string, path: string, cookie: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { cookie, ...(init.body === undefined ? {} : { 'content-type': 'application/json', origin: url }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/**
 * The demo gives olivia the default tenant's endpoint 1101, a browser (WebRTC) phone, which the
 * simulated switch cannot ring without a browser registering it. The default tenant's admin makes it
 * a desk phone in queue support and publishes: Acme's part of the switch must stay as it is.
 */
async function giveOliviaADeskPhone(url: string): Promise<void> {
  const admin = await apiLogin(url, 'admin', 'admin-demo');
  const { body } = await apiJson<DialPlanDraftReply>(url, '/api/dialplan/draft', admin);
  const plan = structuredClone(body.draft) as unknown as { endpoints: { extension: string; webrtc?: boolean }[]; queues: { name: string; members: { extension: string }[] }[] };
  const endpoint = plan.endpoints.find((e) => e.extension === '1101');
  if (!endpoint) throw new Error('the demo plan has no endpoint 1101');
  endpoint.webrtc = false;
  const support = plan.queues.find((q) => q.name === 'support');
  if (!support) throw new Error('the demo plan has no queue support');
  support.members.push({ extension: '1101' });
  expect((await apiJson(url, '/api/dialplan/draft', admin, { method: 'PUT', body: { plan } })).status).toBe(200);
  const published = await apiJson<{ version: { applyStatus: string; applyError: string | null } }>(url, '/api/dialplan/publish', admin, { method: 'POST', body: { comment: 'Olivia answers support on a desk phone' } });
  expect(published.status).toBe(201);
  expect(published.body.version).toMatchObject({ applyStatus: 'applied', applyError: null });
}

async function switchTenant(page: Page, name: string): Promise<void> {
  await page.getByLabel('Tenant', { exact: true }).selectOption({ label: name });
  await page.locator('.tenant-switcher select').filter({ has: page.locator('option:checked', { hasText: name }) }).waitFor({ timeout: UI_TIMEOUT });
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: UI_TIMEOUT });
}

/** Olivia answers the ringing call from the console and is connected; then the caller hangs up. */
async function answerAndEnd(page: Page, rig: CtiRig, channel: string): Promise<void> {
  await page.getByRole('button', { name: 'Answer', exact: true }).click();
  await callPanel(page).getByText('Connected').waitFor({ timeout: UI_TIMEOUT });
  await rig.sim.hangUp(channel);
  await page.locator('section.wrap-up').waitFor({ timeout: UI_TIMEOUT });
}

describe("an outsourcer's agent answers for two companies, each pop showing only that company's customer", () => {
  let rig: CtiRig;

  beforeAll(async () => {
    rig = await startCtiRig();
    await giveOliviaADeskPhone(rig.url);
  }, 180_000);

  afterAll(async () => {
    await rig?.stop();
  });

  it("olivia takes Alice's call for Acme, switches tenant, takes it for the default tenant; Acme's admin sees none of it", async () => {
    const olivia = await rig.signIn('olivia', 'agent-demo');
    // Sign-in opens her first tenant by name: Acme Insurance.
    await expect(olivia.getByLabel('Tenant', { exact: true }).locator('option:checked').textContent()).resolves.toBe('Acme Insurance');
    await goReady(olivia);

    // Alice rings Acme's main line and presses 2 for claims, where olivia (acme-1003) answers.
    const acmeCall = await rig.sim.placeCall({ exten: '7000', callerNum: ALICE, callerName: 'Alice Johnson', dtmf: [{ digits: '2', afterMs: 1500 }] });
    const acmePop = screenPop(olivia);
    await acmePop.getByRole('link', { name: 'Alice Johnson' }).waitFor({ timeout: UI_TIMEOUT });
    await expect(acmePop.getByText('for Acme Insurance').isVisible()).resolves.toBe(true);
    await expect(acmePop.getByText(ACME_NOTE).isVisible()).resolves.toBe(true);
    await expect(acmePop.getByText(DEFAULT_NOTE).count()).resolves.toBe(0);
    await screenshot(olivia, 'outsourcer-pop-acme');
    const acmeAlice = await acmePop.getByRole('link', { name: 'Alice Johnson' }).getAttribute('href');
    await answerAndEnd(olivia, rig, acmeCall.channel);

    await switchTenant(olivia, 'Default');
    await goReady(olivia);
    const defaultCall = await rig.sim.placeCall({ exten: '5001', callerNum: ALICE, callerName: 'Alice Johnson' });
    const defaultPop = screenPop(olivia);
    await defaultPop.getByRole('link', { name: 'Alice Johnson' }).waitFor({ timeout: UI_TIMEOUT });
    await expect(defaultPop.getByText('for Default').isVisible()).resolves.toBe(true);
    await expect(defaultPop.getByText(DEFAULT_NOTE).isVisible()).resolves.toBe(true);
    await expect(defaultPop.getByText(ACME_NOTE).count()).resolves.toBe(0);
    const defaultAlice = await defaultPop.getByRole('link', { name: 'Alice Johnson' }).getAttribute('href');
    expect(defaultAlice).not.toBe(acmeAlice);
    await screenshot(olivia, 'outsourcer-pop-default');
    await olivia.getByRole('button', { name: 'Answer', exact: true }).click();
    await callPanel(olivia).getByText('Connected').waitFor({ timeout: UI_TIMEOUT });

    // While olivia talks to the default tenant's Alice, Acme's admin looks for her everywhere.
    const acmeAdmin = await rig.signIn('acme-admin', 'admin-demo', '/wallboard');
    await acmeAdmin.getByRole('heading', { name: 'support', exact: true }).waitFor({ timeout: UI_TIMEOUT });
    // Olivia is one of Acme's agents too, but her call is the default tenant's: Acme's board lists her
    // with no call, and no trace of the caller.
    const oliviaRow = agentRow(acmeAdmin, 'Olivia Outsourcer');
    await oliviaRow.waitFor({ timeout: UI_TIMEOUT });
    expect(await oliviaRow.locator('td').nth(0).textContent()).not.toMatch(/call|ringing/i);
    await expect(acmeAdmin.getByText(/415/).count()).resolves.toBe(0);
    await acmeAdmin.goto(`${rig.url}${defaultAlice ?? ''}`);
    await acmeAdmin.getByRole('heading', { name: 'Customer not found' }).waitFor({ timeout: UI_TIMEOUT });
    const customerId = (defaultAlice ?? '').split('/').pop() ?? '';
    const acmeCustomerId = (acmeAlice ?? '').split('/').pop() ?? '';
    const fromPage = await acmeAdmin.evaluate(async (id) => {
      const read = async (p: string) => {
        const res = await fetch(p);
        return { path: p, status: res.status, text: await res.text() };
      };
      return Promise.all([`/api/customers/${id}`, `/api/customers/${id}/interactions`, '/api/customers?q=Johnson'].map(read));
    }, customerId);
    const [record, timeline, search] = fromPage;
    // The default tenant's Alice does not exist for Acme: not found, as any unknown id.
    expect(record?.status).toBe(404);
    expect(timeline?.status).toBe(404);
    // Acme's search for Johnson finds Acme's Alice only.
    expect(search?.status).toBe(200);
    expect(search?.text).toContain(acmeCustomerId);
    expect(search?.text).not.toContain(customerId);
    for (const reply of fromPage) {
      expect(reply.text).not.toContain(DEFAULT_NOTE);
      expect(reply.text.toLowerCase()).not.toContain('contoso');
    }
    await screenshot(acmeAdmin, 'acme-admin-cannot-reach-default');

    await rig.sim.hangUp(defaultCall.channel);
    await olivia.locator('section.wrap-up').waitFor({ timeout: UI_TIMEOUT });
    expect(rig.browserErrors()).toEqual([]);
  }, 300_000);
});
