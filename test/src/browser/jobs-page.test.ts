import { DEFAULT_TENANT_ID } from '@ringside/shared';
import { inTenant } from '@ringside/server';
import { describe, expect, it } from '@jest/globals';
import { screenshot } from '../support/browser.js';
import { useConsoleServer } from '../support/console-server.js';

// A supervisor watches a background job on the real server (PGlite, pg-boss) in Chromium:
// the progress bar shows how far it is, and the page follows it to completed by itself.
describe('the jobs page in the browser', () => {
  const rig = useConsoleServer();

  it("shows a running job's progress bar and follows it to completed", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const jobs = rig.server.parts().jobs;
    await jobs.work<{ rows: number }>('test.browser', async (data, context) => {
      await context.progress(3, data.rows, 'row 3');
      await released;
      await context.progress(data.rows, data.rows, 'all rows');
    });
    // Sent as the demo tenant's job, as a supervisor's upload would be.
    await inTenant(DEFAULT_TENANT_ID, () => jobs.send('test.browser', { rows: 10 }, { label: 'Import of leads.csv' }));

    const page = await rig.browser.newPage();
    await page.goto(`${rig.url}/`);
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
