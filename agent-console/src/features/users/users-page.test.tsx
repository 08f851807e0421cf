import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ManagedUser } from '@ringside/shared';
import { installFakeFetch } from '../../test-support/fake-fetch.js';
import { renderWithApi } from '../../test-support/render-with-api.js';
import { UsersPage } from './users-page.js';

const ROOT: ManagedUser = { id: 'u-root', username: 'root', displayName: 'Rita Root', role: 'admin', active: true, agent: null };
const ALEX: ManagedUser = { id: 'u-alex', username: 'alex', displayName: 'Alex Agent', role: 'agent', active: true, agent: { endpoint: 'PJSIP/1001', extension: '1001' } };

/** A users API that keeps what it is sent; `taken` usernames answer 409 CONFLICT. */
function installUsersServer(taken: string[] = []) {
  let users = [ROOT, ALEX];
  return installFakeFetch((req) => {
    if (req.path === '/api/users' && req.method === 'GET') return { status: 200, body: { items: users } };
    if (req.path === '/api/users' && req.method === 'POST') {
      const body = req.body as { username: string; displayName: string; role: ManagedUser['role']; agent?: ManagedUser['agent'] };
      if (taken.includes(body.username)) return { status: 409, body: { error: { code: 'CONFLICT', message: 'username taken' } } };
      const user: ManagedUser = { id: `u-${body.username}`, username: body.username, displayName: body.displayName, role: body.role, active: true, agent: body.agent ?? null };
      users = [...users, user];
      return { status: 201, body: { user } };
    }
    if (req.path === '/api/users/u-alex/sessions/end' && req.method === 'POST') return { status: 204 };
    const patch = /^\/api\/users\/(.+)$/.exec(req.path);
    if (patch && req.method === 'PATCH') {
      const { password: _password, ...changes } = req.body as Partial<ManagedUser> & { password?: string };
      users = users.map((u) => (u.id === patch[1] ? { ...u, ...changes } : u));
      return { status: 200, body: { user: users.find((u) => u.id === patch[1]) } };
    }
    return undefined;
  });
}

describe('users page', () => {
  it('creates an agent with a phone, after the server refused the first username as taken on that field', async () => {
    const seen = installUsersServer(['ada']);
    const user = userEvent.setup();
    renderWithApi(<UsersPage currentUserId={ROOT.id} />);
    expect(await screen.findByRole('row', { name: /alex Alex Agent Agent Active 1001 \(PJSIP\/1001\)/ })).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'New user' });
    await user.type(within(form).getByLabelText('Username'), 'ada');
    await user.type(within(form).getByLabelText('Display name'), 'Ada Lovelace');
    await user.type(within(form).getByLabelText('Password'), 'analytical-engine');
    await user.type(within(form).getByLabelText('Extension'), '1002');
    expect(within(form).getByLabelText('Channel')).toHaveValue('PJSIP/1002');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));

    const username = within(form).getByLabelText('Username');
    expect(await within(form).findByText('This username is taken. Choose another one.')).toBeInTheDocument();
    expect(username).toBeInvalid();
    expect(username).toHaveAccessibleDescription(expect.stringContaining('This username is taken. Choose another one.'));
    expect(username).toHaveFocus();

    await user.clear(username);
    await user.type(username, 'ada.l');
    expect(username).toBeValid();
    await user.click(within(form).getByRole('button', { name: 'Create user' }));

    expect(await screen.findByText('User ada.l is created.')).toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: 'ada.l' })).toBeInTheDocument();
    const posts = seen.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.body)).toEqual([
      { username: 'ada', displayName: 'Ada Lovelace', role: 'agent', password: 'analytical-engine', agent: { endpoint: 'PJSIP/1002', extension: '1002' } },
      { username: 'ada.l', displayName: 'Ada Lovelace', role: 'agent', password: 'analytical-engine', agent: { endpoint: 'PJSIP/1002', extension: '1002' } },
    ]);
    expect(within(form).getByLabelText('Username')).toHaveValue('');
  });

  it('a short password and a bad extension are caught by the shared schema and nothing is sent', async () => {
    const seen = installUsersServer();
    const user = userEvent.setup();
    renderWithApi(<UsersPage currentUserId={ROOT.id} />);
    const form = await screen.findByRole('form', { name: 'New user' });

    await user.type(within(form).getByLabelText('Username'), 'bob');
    await user.type(within(form).getByLabelText('Display name'), 'Bob');
    await user.type(within(form).getByLabelText('Password'), 'short');
    await user.type(within(form).getByLabelText('Extension'), '1a');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));

    expect(within(form).getByLabelText('Password')).toHaveAccessibleDescription(expect.stringContaining('At least 10 characters.'));
    expect(within(form).getByLabelText('Extension')).toHaveAccessibleDescription(expect.stringContaining('Enter 2 to 10 digits.'));
    expect(within(form).getByLabelText('Password')).toHaveFocus();
    expect(seen.some((r) => r.method === 'POST')).toBe(false);
  });

  it('editing sends only what changed: deactivation, a new password and removing the phone', async () => {
    const seen = installUsersServer();
    const user = userEvent.setup();
    renderWithApi(<UsersPage currentUserId={ROOT.id} />);

    await user.click(await screen.findByRole('button', { name: 'Edit alex' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit alex' });
    await user.click(within(dialog).getByLabelText('Active (may sign in)'));
    await user.type(within(dialog).getByLabelText('New password (optional)'), 'a-new-secret-1');
    await user.click(within(dialog).getByLabelText('This user takes calls as an agent'));
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes to alex are saved.')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'PATCH')).toEqual([
      expect.objectContaining({ path: '/api/users/u-alex', body: { active: false, password: 'a-new-secret-1', agent: null } }),
    ]);
    expect(screen.getByRole('row', { name: /alex Alex Agent Agent Deactivated None/ })).toBeInTheDocument();
  });

  it('an admin cannot demote or deactivate their own account from the dialog', async () => {
    installUsersServer();
    const user = userEvent.setup();
    renderWithApi(<UsersPage currentUserId={ROOT.id} />);

    await user.click(await screen.findByRole('button', { name: 'Edit root' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit root' });
    expect(within(dialog).getByLabelText('Role')).toBeDisabled();
    expect(within(dialog).getByLabelText('Role')).toHaveAccessibleDescription('You cannot change the role or deactivate your own account.');
    expect(within(dialog).getByLabelText('Active (may sign in)')).toBeDisabled();
  });

  it('an admin ends an agent’s sessions from the list; there is no such button for themselves', async () => {
    const seen = installUsersServer();
    const user = userEvent.setup();
    renderWithApi(<UsersPage currentUserId={ROOT.id} />);
    await user.click(await screen.findByRole('button', { name: 'End sessions of alex' }));
    expect(await screen.findByText('Every session of alex is ended.')).toBeInTheDocument();
    expect(seen.filter((r) => r.path.endsWith('/sessions/end'))).toMatchObject([{ method: 'POST', path: '/api/users/u-alex/sessions/end' }]);
    expect(screen.queryByRole('button', { name: 'End sessions of root' })).not.toBeInTheDocument();
  });
});
