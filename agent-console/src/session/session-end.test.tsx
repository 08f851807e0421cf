import { beforeEach, describe, expect, it } from '@jest/globals';
import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { App } from '../App.js';
import { installFakeFetch, READY } from '../test-support/fake-fetch.js';
import { FakeTransport } from '../test-support/fake-transport.js';
import { AGENT_USER } from '../test-support/fixtures.js';

// The socket boundary is faked; everything above it (client, store, header, dialog) is real.
let socket = new FakeTransport();
const app = () => <App realtimeTransport={() => (socket = new FakeTransport())} />;

describe('a session that ends, and changing one’s password', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('the server signs the console out: it drops to the sign-in page showing why', async () => {
    installFakeFetch((req) => {
      if (req.path === '/api/auth/me') return { status: 200, body: { user: AGENT_USER } };
      if (req.path === '/readyz') return READY;
      if (req.path === '/api/customers') return { status: 200, body: { items: [], total: 0, totalExact: true } };
      return undefined;
    });
    render(app());
    await screen.findByRole('navigation');
    act(() => socket.status({ kind: 'connected' }));
    act(() => {
      socket.emit('signedOut', { reason: 'deactivated' });
      socket.status({ kind: 'offline', unauthenticated: false });
    });
    expect(await screen.findByText('You were signed out: an admin deactivated your account.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Sign in to Ringside' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(socket.closed).toBe(true);
  });

  it('the password dialog checks the fields, shows a wrong current password, and confirms a change', async () => {
    const seen = installFakeFetch((req) => {
      if (req.path === '/api/auth/me') return { status: 200, body: { user: AGENT_USER } };
      if (req.path === '/readyz') return READY;
      if (req.path === '/api/customers') return { status: 200, body: { items: [], total: 0, totalExact: true } };
      if (req.path === '/api/auth/password') {
        const body = req.body as { currentPassword: string };
        return body.currentPassword === 'agent-demo' ? { status: 204 } : { status: 400, body: { error: { code: 'WRONG_PASSWORD', message: 'the current password is not right' } } };
      }
      return undefined;
    });
    const user = userEvent.setup();
    render(app());
    await user.click(await screen.findByRole('button', { name: 'Change password' }));
    const dialog = screen.getByRole('dialog', { name: 'Change your password' });
    const submit = within(dialog).getByRole('button', { name: 'Change password' });

    await user.type(within(dialog).getByLabelText('Current password'), 'nope');
    await user.type(within(dialog).getByLabelText('New password'), 'long-enough-1');
    await user.type(within(dialog).getByLabelText('New password again'), 'long-enough-2');
    await user.click(submit);
    expect(within(dialog).getByText('The two new passwords differ.')).toBeInTheDocument();
    expect(seen.filter((r) => r.path === '/api/auth/password')).toEqual([]);

    await user.clear(within(dialog).getByLabelText('New password again'));
    await user.type(within(dialog).getByLabelText('New password again'), 'long-enough-1');
    await user.click(submit);
    expect(await within(dialog).findByText('The current password is not right.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(within(dialog).getByLabelText('Current password'));
    await user.type(within(dialog).getByLabelText('Current password'), 'agent-demo');
    await user.click(submit);
    expect(await screen.findByText('Your password is changed; your other sessions are signed out.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(seen.filter((r) => r.path === '/api/auth/password').at(-1)).toMatchObject({ method: 'POST', body: { currentPassword: 'agent-demo', newPassword: 'long-enough-1' } });
  });
});
