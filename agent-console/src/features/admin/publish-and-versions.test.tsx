import { beforeEach, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { renderWithApi } from '../../test-support/render-with-api.js';
import { DialPlanPage } from './dial-plan-page.js';
import { installDialPlanServer } from './test-dial-plan-server.js';

const FILES = [
  { name: 'queues.conf', live: '[support]\nstrategy=ringall\n', draft: '[support]\nstrategy=ringall\n', changed: false },
  {
    name: 'extensions.conf',
    live: '[ringside-ivr-main]\nexten => 1,1,Goto(ringside-queue-support,s,1)\nexten => 2,1,Goto(ringside-queue-sales,s,1)\n',
    draft: '[ringside-ivr-main]\nexten => 1,1,Goto(ringside-queue-support,s,1)\nexten => 3,1,Goto(ringside-queue-sales,s,1)\nexten => 9,1,Hangup()\n',
    changed: true,
  },
];

function row(text: string): HTMLElement {
  const cell = screen.getByText(text);
  const tr = cell.closest('tr');
  if (!tr) throw new Error(`no row for ${text}`);
  return tr;
}

describe('review, publish and versions', () => {
  beforeEach(() => window.history.replaceState(null, '', '/admin/dialplan/changes'));

  it('the diff view lists changed files first and marks added and removed lines with +/- as well as colour', async () => {
    installDialPlanServer({ files: FILES });
    renderWithApi(<DialPlanPage />);

    expect(await screen.findByText('1 of 2 files change.')).toBeInTheDocument();
    const fileHeadings = screen.getAllByRole('heading', { level: 3 });
    expect(fileHeadings[0]).toHaveTextContent('extensions.conf');
    expect(fileHeadings[0]).toHaveTextContent('2 added, 1 removed');
    expect(fileHeadings[1]).toHaveTextContent('Unchanged files');

    const removed = row('exten => 2,1,Goto(ringside-queue-sales,s,1)');
    expect(removed).toHaveClass('diff__line--del');
    expect(within(removed).getByText('-')).toBeInTheDocument();
    expect(within(removed).getByText('removed')).toHaveClass('visually-hidden');

    for (const text of ['exten => 3,1,Goto(ringside-queue-sales,s,1)', 'exten => 9,1,Hangup()']) {
      const added = row(text);
      expect(added).toHaveClass('diff__line--add');
      expect(within(added).getByText('+')).toBeInTheDocument();
      expect(within(added).getByText('added')).toBeInTheDocument();
    }
    const kept = row('exten => 1,1,Goto(ringside-queue-support,s,1)');
    expect(kept).toHaveClass('diff__line--same');
    expect(kept).not.toHaveTextContent(/added|removed/);
  });

  it('publishing sends the comment, reports the new version, and a missing comment is caught first', async () => {
    const seen = installDialPlanServer({ files: FILES });
    const user = userEvent.setup();
    renderWithApi(<DialPlanPage />);

    const publish = await screen.findByRole('button', { name: 'Publish draft' });
    expect(publish).toBeEnabled();
    await user.click(publish);
    const comment = screen.getByLabelText('What changes and why');
    expect(comment).toBeInvalid();
    expect(comment).toHaveAccessibleDescription(expect.stringContaining('Say what changes and why.'));
    expect(seen.some((r) => r.path === '/api/dialplan/publish')).toBe(false);

    await user.type(comment, 'Key 3 for sales');
    await user.click(publish);
    expect(await screen.findByText('Version 3 is published.')).toBeInTheDocument();
    expect(seen.filter((r) => r.path === '/api/dialplan/publish')).toEqual([expect.objectContaining({ method: 'POST', body: { comment: 'Key 3 for sales' } })]);
  });

  it('a publish that lost a race with another admin says so', async () => {
    installDialPlanServer({ files: FILES, publish: { status: 409, body: { error: { code: 'CONFLICT', message: 'version 3 exists' } } } });
    const user = userEvent.setup();
    renderWithApi(<DialPlanPage />);

    await user.type(await screen.findByLabelText('What changes and why'), 'Key 3 for sales');
    await user.click(screen.getByRole('button', { name: 'Publish draft' }));
    expect(await screen.findByText(/Someone else published meanwhile/)).toBeInTheDocument();
  });

  it('rolling back asks for confirmation first, then posts the comment and shows the new live version', async () => {
    window.history.replaceState(null, '', '/admin/dialplan/versions');
    const seen = installDialPlanServer();
    const user = userEvent.setup();
    renderWithApi(<DialPlanPage />);

    const table = await screen.findByRole('table', { name: 'Published versions, newest first' });
    expect(within(table).getByRole('row', { name: /^2 Live/ })).toHaveTextContent('Applied');
    expect(within(table).getByRole('row', { name: /^1/ })).toHaveTextContent('Failed: PBX_TIMEOUT');
    // The live version has nothing to roll back to.
    expect(screen.queryByRole('button', { name: 'Roll back to version 2' })).not.toBeInTheDocument();

    const rollback = screen.getByRole('button', { name: 'Roll back to version 1' });
    await user.click(rollback);
    let dialog = screen.getByRole('dialog', { name: 'Roll back to version 1?' });
    expect(dialog).toHaveTextContent('becomes a new version and is applied to the switch at once');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(rollback).toHaveFocus();
    expect(seen.some((r) => r.method === 'POST')).toBe(false);

    await user.click(rollback);
    dialog = screen.getByRole('dialog', { name: 'Roll back to version 1?' });
    const comment = within(dialog).getByLabelText('What changes and why');
    await user.clear(comment);
    await user.type(comment, 'Sales queue broke the IVR');
    await user.click(within(dialog).getByRole('button', { name: 'Roll back to version 1' }));

    expect(await screen.findByText('Version 1 is live again as version 3.')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toEqual([
      expect.objectContaining({ path: '/api/dialplan/versions/1/rollback', body: { comment: 'Sales queue broke the IVR' } }),
    ]);
    expect(await within(table).findByRole('row', { name: /^3 Live/ })).toBeInTheDocument();
  });
});
