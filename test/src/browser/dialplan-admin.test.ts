import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoDialPlan, parseDialPlan, type DialPlan, type DialPlanDraftReply } from '@ringside/shared';
import { traceInboundCall, type CallOutcome, type CallScript } from '@ringside/pbx-sim';
import { screenshot } from '../support/browser.js';
import { startCtiRig, UI_TIMEOUT, type CtiRig } from '../support/cti-rig.js';
import { expectedChanges, openSection, shownChanges, versionRow } from '../support/dial-plan-admin.js';

// An admin changes what callers hear from the console alone: a new queue, a new menu key, a
// reviewed diff, a publish the switch applies at once, and a one-step rollback when it was wrong.
describe('an admin adds a billing option to the IVR, publishes it, and rolls it back', () => {
  let rig: CtiRig;

  beforeAll(async () => {
    rig = await startCtiRig();
  }, 240_000);

  afterAll(async () => {
    await rig?.stop();
  });

  /** A caller on the trunk dials `did` and presses keys; where the switch put them (QueueCallerJoin and friends). */
  function call(script: CallScript): Promise<CallOutcome> {
    const sim = rig.server.parts().pbx.sim;
    if (!sim) throw new Error('the server runs no embedded switch');
    // The embedded switch plays real-length prompts: a menu with a wrong key takes a while.
    return traceInboundCall(sim.engine, { callerNum: '+14155550177', timeoutMs: 120_000, ...script });
  }

  it('key 3 reaches the new billing queue after the publish, and no longer after the rollback', async () => {
    const page = await rig.signIn('admin', 'admin-demo', '/admin/dialplan/changes');
    const publishButton = page.getByRole('button', { name: 'Publish draft' });
    const comment = page.getByLabel('What changes and why');

    // Version 1: the plan as shipped, so there is a version to roll back to.
    await page.getByRole('heading', { name: 'Changes to the switch configuration' }).waitFor({ timeout: UI_TIMEOUT });
    await comment.fill('Baseline: the demo plan as shipped');
    await publishButton.click();
    await page.getByText('Version 1 is published.').waitFor({ timeout: UI_TIMEOUT });
    expect((await call({ did: '5000', presses: ['1'] })).landed).toEqual({ kind: 'queue', queue: 'support' });

    // The queue first, with phone 1002 as its agent.
    await openSection(page, 'Queues', page.getByRole('button', { name: 'Add queue' }));
    await page.getByRole('button', { name: 'Add queue' }).click();
    await page.locator('article.dp-item').last().getByLabel('Queue name').fill('billing');
    const billing = page.getByRole('article', { name: 'Queue billing' });
    await billing.waitFor({ timeout: UI_TIMEOUT });
    await billing.getByRole('button', { name: 'Add agent to billing' }).click();
    await billing.getByRole('combobox', { name: 'Phone of member 1 in billing' }).selectOption('1002');

    // Then key 3 of the main menu, pointing at it.
    await openSection(page, 'IVR menus', page.getByRole('article', { name: 'Main menu (main)' }));
    const menu = page.getByRole('article', { name: 'Main menu (main)' });
    await menu.getByRole('button', { name: 'Add key to Main menu' }).click();
    await menu.getByRole('textbox', { name: 'Key of option 3 in Main menu' }).fill('3');
    await menu.getByRole('combobox', { name: 'Destination type of option 3 in Main menu' }).selectOption('queue');
    await menu.getByRole('combobox', { name: 'Queue of option 3 in Main menu' }).selectOption('billing');
    await page.getByText('Unsaved changes').waitFor({ timeout: UI_TIMEOUT });
    await screenshot(page, 'dialplan-ivr-editor');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByText('All changes saved').waitFor({ timeout: UI_TIMEOUT });

    // The saved draft is version 1 plus exactly the queue and the key, nothing else.
    const reply = (await (await page.request.get(`${rig.url}/api/dialplan/draft`)).json()) as DialPlanDraftReply;
    const draft = parseDialPlan(reply.draft);
    const added = draft.queues.find((q) => q.name === 'billing');
    expect(added?.members).toEqual([{ extension: '1002', penalty: 0, membership: 'static' }]);
    const expected: DialPlan = structuredClone(demoDialPlan);
    expected.queues.push(added!);
    expected.ivrMenus[0]!.options.push({ digit: '3', destination: { type: 'queue', queue: 'billing' } });
    expect(draft).toEqual(parseDialPlan(expected));

    // The diff shows what those two edits render to, line for line, and no other change.
    await openSection(page, 'Review and publish', page.getByRole('heading', { name: 'Changes to the switch configuration' }));
    await page.locator('.diff-view').waitFor({ timeout: UI_TIMEOUT });
    const wanted = expectedChanges(demoDialPlan, draft);
    expect(Object.keys(wanted).sort()).toEqual(['ringside-extensions.conf', 'ringside-queues.conf']);
    await page.getByText(`2 of 4 files change.`).waitFor({ timeout: UI_TIMEOUT });
    const shown = await shownChanges(page);
    expect(shown).toEqual(wanted);
    // Additions only: the queue's section and the menu's key 3, which names billing.
    expect([shown['ringside-extensions.conf']!.removed, shown['ringside-queues.conf']!.removed]).toEqual([[], []]);
    expect(shown['ringside-extensions.conf']!.added).toEqual(expect.arrayContaining(['exten => 3,1,Goto(ringside-queue-billing,s,1)', '[ringside-queue-billing]']));
    expect(shown['ringside-queues.conf']!.added).toEqual(expect.arrayContaining(['[billing](ringside-queue)', 'member => PJSIP/1002,0,Agent 1002,PJSIP/1002']));
    await screenshot(page, 'dialplan-diff');

    await comment.fill('Key 3 reaches the new billing queue');
    await publishButton.click();
    await page.getByText('Version 2 is published.').waitFor({ timeout: UI_TIMEOUT });

    await openSection(page, 'Versions', page.locator('table.versions'));
    const v2 = versionRow(page, 2);
    await v2.filter({ hasText: 'Applied' }).waitFor({ timeout: UI_TIMEOUT });
    await expect(v2.textContent()).resolves.toContain('Live');
    await expect(v2.textContent()).resolves.toContain('Key 3 reaches the new billing queue');
    await screenshot(page, 'dialplan-versions');

    // The switch now sends key 3 to billing.
    const pressed3 = await call({ did: '5000', presses: ['3'] });
    expect(pressed3.landed).toEqual({ kind: 'queue', queue: 'billing' });
    expect(pressed3.contexts).toContain('ringside-queue-billing');

    // One step back: version 1's content is live again as version 3.
    await page.getByRole('button', { name: 'Roll back to version 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll back to version 1?' });
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    await dialog.getByRole('button', { name: 'Roll back to version 1' }).click();
    await page.getByText('Version 1 is live again as version 3.').waitFor({ timeout: UI_TIMEOUT });
    const v3 = versionRow(page, 3);
    await v3.filter({ hasText: 'Applied' }).waitFor({ timeout: UI_TIMEOUT });
    await expect(v3.textContent()).resolves.toContain('Live');
    await screenshot(page, 'dialplan-versions-rolled-back');

    // Key 3 is a wrong key again: the menu says so and asks once more; 1 still reaches support.
    const after = await call({ did: '5000', presses: ['3', '1'] });
    expect(after.landed).toEqual({ kind: 'queue', queue: 'support' });
    expect(after.prompts).toBe(2);
    expect(after.contexts).not.toContain('ringside-queue-billing');
    expect(rig.browserErrors()).toEqual([]);
  }, 600_000);
});
