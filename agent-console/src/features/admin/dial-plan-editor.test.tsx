import { beforeEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { DialPlanInput } from '@ringside/shared';
import { renderWithApi } from '../../test-support/render-with-api.js';
import { DialPlanPage } from './dial-plan-page.js';
import { installDialPlanServer } from './test-dial-plan-server.js';

async function openMainMenu() {
  return screen.findByRole('article', { name: 'Main menu (main)' });
}

describe('dial-plan editor', () => {
  beforeEach(() => window.history.replaceState(null, '', '/admin/dialplan/ivr'));

  it('adding a key to an IVR menu shows it in the call-flow tree and sends it in the saved draft', async () => {
    const seen = installDialPlanServer();
    const user = userEvent.setup();
    renderWithApi(<DialPlanPage />);

    const menu = await openMainMenu();
    const tree = within(menu).getByRole('figure', { name: 'Call flow of Main menu' });
    expect(tree).toHaveTextContent(/Key 1.*Queue support.*Key 2.*Queue sales/);
    expect(tree).not.toHaveTextContent('Key 3');

    await user.click(within(menu).getByRole('button', { name: 'Add key to Main menu' }));
    const digit = within(menu).getByLabelText('Key of option 3 in Main menu');
    expect(digit).toHaveFocus();
    expect(digit).toHaveValue('3');
    expect(tree).toHaveTextContent(/Key 3.*Hang up/);

    await user.selectOptions(within(menu).getByLabelText('Destination type of option 3 in Main menu'), 'queue');
    await user.selectOptions(within(menu).getByLabelText('Queue of option 3 in Main menu'), 'sales');
    expect(tree).toHaveTextContent(/Key 3.*Queue sales/);
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Draft saved.')).toBeInTheDocument();
    expect(screen.getByText('All changes saved')).toBeInTheDocument();

    const puts = seen.filter((r) => r.method === 'PUT' && r.path === '/api/dialplan/draft');
    expect(puts).toHaveLength(1);
    const plan = (puts[0]?.body as { plan: DialPlanInput }).plan;
    expect(plan.ivrMenus?.[0]?.options).toEqual([
      { digit: '1', destination: { type: 'queue', queue: 'support' } },
      { digit: '2', destination: { type: 'queue', queue: 'sales' } },
      { digit: '3', destination: { type: 'queue', queue: 'sales' } },
    ]);
    // The rest of the plan travels untouched.
    expect(plan.queues?.map((q) => q.name)).toEqual(['support', 'sales']);
    expect(plan.endpoints).toHaveLength(4);
  });

  it('an invalid key shows its error on the key field, lists it in the summary and turns publishing off', async () => {
    installDialPlanServer();
    const user = userEvent.setup();
    renderWithApi(<DialPlanPage />);

    const menu = await openMainMenu();
    const key = within(menu).getByLabelText('Key of option 2 in Main menu');
    await user.clear(key);
    await user.type(key, 'A');

    expect(key).toBeInvalid();
    expect(key).toHaveAccessibleDescription('Use one key: 0–9, * or #.');
    const summary = screen.getByRole('region', { name: 'Problems to fix (1)' });
    expect(within(summary).getByRole('link', { name: 'IVR menu main › option 2 › digit' })).toHaveAttribute('href', '/admin/dialplan/ivr#dp-ivrMenus-0-options-1-digit');
    expect(screen.getByRole('link', { name: 'IVR menus · 1 problem(s)' })).toBeInTheDocument();

    // A schema-invalid draft is not sent: the server would refuse it anyway.
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(screen.getByText(/Fix the 1 invalid field\(s\) listed below first/)).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: /^Review and publish/ }));
    const publish = await screen.findByRole('button', { name: 'Publish draft' });
    expect(publish).toBeDisabled();
    expect(publish).toHaveAccessibleDescription('Publishing is off until the 1 problem(s) listed above are fixed.');
  });

  it('a destination left pointing at a removed queue is flagged on its field, and the summary link leads there', async () => {
    const seen = installDialPlanServer();
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/admin/dialplan/queues');
    renderWithApi(<DialPlanPage />);

    await user.click(await screen.findByRole('button', { name: 'Remove queue sales' }));

    const summary = screen.getByRole('region', { name: 'Problems to fix (2)' });
    const link = within(summary).getByRole('link', { name: 'IVR menu main › option 2 › destination › queue' });
    expect(summary).toHaveTextContent("Points nowhere: points to queue 'sales', which does not exist");
    await user.click(link);

    expect(window.location.pathname).toBe('/admin/dialplan/ivr');
    const target = within(await openMainMenu()).getByLabelText('Queue of option 2 in Main menu');
    await waitFor(() => expect(target).toHaveFocus());
    expect(target).toBeInvalid();
    expect(target).toHaveAccessibleDescription("Points nowhere: points to queue 'sales', which does not exist");
    expect(within(target).getByRole('option', { selected: true })).toHaveTextContent('sales (does not exist)');
    expect(within(await openMainMenu()).getByRole('figure')).toHaveTextContent(/Key 2.*Queue sales.*does not exist/);

    // Semantic problems do not stop saving (the server keeps such drafts), but they stop publishing.
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Draft saved.')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(1);
    await user.click(screen.getByRole('link', { name: /^Review and publish/ }));
    expect(await screen.findByRole('button', { name: 'Publish draft' })).toBeDisabled();
    expect(seen.some((r) => r.path === '/api/dialplan/publish')).toBe(false);
  });

  it("the server's field issues for a refused draft appear beside the field their dotted path names", async () => {
    const seen = installDialPlanServer();
    const user = userEvent.setup();
    renderWithApi(<DialPlanPage />);
    const menu = await openMainMenu();

    // Replace the fake PUT: this server also refuses a menu name the client accepts.
    const original = globalThis.fetch;
    globalThis.fetch = (async (input: unknown, init?: { method?: string }) => {
      if (init?.method === 'PUT') {
        return {
          status: 400,
          ok: false,
          headers: { get: () => null },
          text: async () => JSON.stringify({ error: { code: 'INVALID_INPUT', message: 'invalid', issues: [{ path: 'ivrMenus.0.name', message: 'name is reserved' }] } }),
        };
      }
      return original(input as RequestInfo, init as RequestInit);
    }) as typeof fetch;

    await user.clear(within(menu).getByLabelText('Menu name Main menu'));
    await user.type(within(menu).getByLabelText(/^Menu name/), 'System');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    expect(await screen.findByText('The server did not accept the draft; see the problems beside the fields.')).toBeInTheDocument();
    const name = within(await screen.findByRole('article', { name: 'System (main)' })).getByLabelText(/^Menu name/);
    expect(name).toBeInvalid();
    expect(name).toHaveAccessibleDescription('Name is reserved');
    expect(seen.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('prompt sounds are picked from the switch’s sounds, never typed, and go into the saved draft in order', async () => {
    const seen = installDialPlanServer();
    const user = userEvent.setup();
    renderWithApi(<DialPlanPage />);

    const menu = await openMainMenu();
    const picker = within(menu).getAllByLabelText(/^Sound to add/)[0] as HTMLSelectElement;
    expect(picker.tagName).toBe('SELECT');
    const offered = Array.from(picker.options).map((o) => o.value);
    expect(offered).toEqual(expect.arrayContaining(['hello', 'queue-thankyou', 'digits/1']));
    expect(offered.some((o) => o.startsWith('/') || o.includes('..'))).toBe(false);
    const chosen = within(menu).getAllByRole('list', { name: /^Sounds/ })[0] as HTMLElement;
    expect(within(chosen).getAllByRole('listitem').map((li) => li.querySelector('code')?.textContent)).toEqual(['hello', 'vm-press']);

    await user.click(within(chosen).getByRole('button', { name: 'Remove hello' }));
    await user.selectOptions(picker, 'digits/1');
    await user.click(within(menu).getAllByRole('button', { name: 'Add sound' })[0] as HTMLElement);
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Draft saved.')).toBeInTheDocument();
    const put = seen.filter((r) => r.method === 'PUT' && r.path === '/api/dialplan/draft').at(-1);
    expect((put?.body as { plan: DialPlanInput }).plan.ivrMenus?.[0]?.prompt).toEqual({ type: 'sound', files: ['vm-press', 'digits/1'] });
  });
});
