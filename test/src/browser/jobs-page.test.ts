import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, loadConfig, type RingsideServer } from '@ringside/server';
import { launchBrowser, screenshot } from '../support/browser.js';
import { ensureConsoleBuilt } from '../support/console-build.js';

// A supervisor watches a background job on the real server (PGlite, pg-boss) in Chromium:
// the progress bar shows how far it is, and the page follows it to completed by itself.
describe('the jobs page in the browser', () => {
  let server: RingsideServer;
  let url: string;
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    const consoleDir = ensureConsoleBuilt();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-e2e-'));
    server = createServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PBX_MODE: 'none', CONSOLE_DIR: consoleDir }));
    const started = await server.start();
    url = `http://127.0.0.1:${started.port}`;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("shows a running job's progress bar and follows it to completed", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const jobs = server.parts().jobs;
    await jobs.work<{ rows: number }>('test.browser', async (data, context) => {
      await context.progress(3, data.rows, 'row 3');
      await released;
      await context.progress(data.rows, data.rows, 'all rows');
    });
    await jobs.send('test.browser', { rows: 10 }, { label: 'Import of leads.csv' });

    const page = await browser.newPage();
    await page.goto(`${url}/`);
    await page.getByLabel('Username').fill('supervisor');
    await page.getByLabel('Password').fill('supervisor-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    const bar = page.getByRole('progressbar', { name: 'Progress of Import of leads.csv' });
    await bar.waitFor({ timeout: 15_000 });
    await page.getByText('3 of 10').waitFor({ timeout: 15_000 });
    expect(await bar.getAttribute('value')).toBe('3');
    await screenshot(page, 'jobs-running');
    release();
    const row = page.getByRole('row', { name: /Import of leads\.csv/ });
    await row.getByText('Completed').waitFor({ timeout: 15_000 });
    await row.getByText('10 of 10').waitFor();
    await screenshot(page, 'jobs-completed');
  }, 60_000);
});
