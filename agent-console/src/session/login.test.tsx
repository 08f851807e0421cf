import { beforeEach, describe, expect, it } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { App } from '../App.js';
import { installFakeFetch, READY } from '../test-support/fake-fetch.js';
import { FakeTransport } from '../test-support/fake-transport.js';
import { AGENT_USER } from '../test-support/fixtures.js';

// The socket boundary is faked; everything above it (client, store, header) is real.
let socket = new FakeTransport();
const app = () => <App realtimeTransport={() => (socket = new FakeTransport())} />;

const UNAUTHENTICATED = { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'no session' } } };

async function signIn(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}


/** The API of a signed-in agent whose sign-out succeeds. */
const signedInAgentApi: Parameters<typeof installFakeFetch>[0] = (req) => {
  if (req.path === '/api/auth/me') return { status: 200, body: { user: AGENT_USER } };
  if (req.path === '/api/auth/logout') return { status: 204 };
  if (req.path === '/readyz') return READY;
  if (req.path === '/api/customers') return { status: 200, body: { items: [], total: 0, totalExact: true } };
  return undefined;
};

describe('signing in', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('a wrong password shows the wrong-credentials message and keeps the user on the sign-in page', async () => {
    installFakeFetch((req) => {
      if (req.path === '/api/auth/me') return UNAUTHENTICATED;
      if (req.path === '/api/auth/login') {
        return { status: 401, body: { error: { code: 'INVALID_CREDENTIALS', message: 'invalid username or password' } } };
      }
      return undefined;
    });
    render(app());
    await signIn('agent1', 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
    expect(screen.getByRole('heading', { name: 'Sign in to Ringside' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('a correct login opens the console with the role navigation, the user and the connection state', async () => {
    const seen = installFakeFetch((req) => {
      if (req.path === '/api/auth/me') return UNAUTHENTICATED;
      if (req.path === '/api/auth/login') return { status: 200, body: { user: AGENT_USER } };
      if (req.path === '/readyz') return READY;
      if (req.path === '/api/customers') return { status: 200, body: { items: [], total: 0, totalExact: true } };
      return undefined;
    });
    render(app());
    await signIn('agent1', 'agent-demo');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(nav).toHaveTextContent('Customers');
    expect(screen.getByText(/Alex Agent \(Agent\)/)).toBeInTheDocument();
    expect(screen.getByText(/extension 1001/)).toBeInTheDocument();
    expect(await screen.findByText('Phone system connected (simulated)')).toBeInTheDocument();
    expect(screen.getByText('Database OK')).toBeInTheDocument();
    // The agent's home is their desk; it waits for the live picture while the socket connects.
    expect(window.location.pathname).toBe('/agent');
    expect(screen.getByText('Live updates connecting…')).toBeInTheDocument();
    act(() => socket.status({ kind: 'connected' }));
    expect(screen.getByText('Live updates connected')).toBeInTheDocument();
    expect(seen.find((r) => r.path === '/api/auth/login')?.body).toEqual({ username: 'agent1', password: 'agent-demo' });
  });

  it('a rate-limited login says how long to wait and blocks the button meanwhile', async () => {
    installFakeFetch((req) => {
      if (req.path === '/api/auth/me') return UNAUTHENTICATED;
      if (req.path === '/api/auth/login') {
        return { status: 429, headers: { 'Retry-After': '30' }, body: { error: { code: 'RATE_LIMITED', message: 'slow down' } } };
      }
      return undefined;
    });
    render(app());
    await signIn('agent1', 'guess');

    expect(await screen.findByRole('alert')).toHaveTextContent(/Too many sign-in attempts\. Try again in (30|29) s\./);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });

  it('when the server cannot be reached the sign-in page says so rather than blaming the password', async () => {
    installFakeFetch((req) => {
      if (req.path === '/api/auth/me') return UNAUTHENTICATED;
      if (req.path === '/api/auth/login') return { status: 502 };
      return undefined;
    });
    render(app());
    await signIn('agent1', 'agent-demo');

    expect(await screen.findByRole('alert')).toHaveTextContent('The Ringside server cannot be reached.');
  });

  it('an existing session is restored on load, on the page the URL names, without signing in again', async () => {
    window.history.replaceState(null, '', '/customers?q=ada');
    const seen = installFakeFetch((req) => {
      if (req.path === '/api/auth/me') return { status: 200, body: { user: { ...AGENT_USER, role: 'supervisor', agent: null } } };
      if (req.path === '/readyz') return { status: 503, body: { ready: false, database: { ok: false, driver: 'postgres', error: 'down' }, pbx: { state: 'disconnected', mode: 'asterisk' } } };
      if (req.path === '/api/customers') return { status: 200, body: { items: [], total: 0, totalExact: true } };
      return undefined;
    });
    render(app());

    expect(await screen.findByText(/Alex Agent \(Supervisor\)/)).toBeInTheDocument();
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
    expect(screen.getByText('Phone system disconnected')).toBeInTheDocument();
    expect(screen.getByLabelText('Search customers')).toHaveValue('ada');
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(seen.some((r) => r.path === '/api/customers' && r.query.get('q') === 'ada')).toBe(true);
  });

  it('signing out returns to the sign-in page and says so', async () => {
    installFakeFetch(signedInAgentApi);
    render(app());
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByText('You are signed out.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
  });

  it('an agent is signed out of the phone system first; on a call the refusal shows and the session stays', async () => {
    const seen = installFakeFetch(signedInAgentApi);
    render(app());
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'Sign out' });
    act(() => socket.status({ kind: 'connected' }));
    const onCall = { timedOut: false, ack: { ok: false, error: { code: 'ILLEGAL_TRANSITION', message: 'cannot log out while on call' } } } as const;
    socket.respond = (event) => (event === 'logOut' ? onCall : { timedOut: false, ack: { ok: true } });
    await user.click(button);

    expect(await screen.findByText('You are on a call. End it before signing out.')).toBeInTheDocument();
    expect(seen.some((r) => r.path === '/api/auth/logout')).toBe(false);
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();

    socket.respond = () => ({ timedOut: false, ack: { ok: true } });
    await user.click(button);
    expect(await screen.findByText('You are signed out.')).toBeInTheDocument();
    expect(seen.filter((r) => r.path === '/api/auth/logout')).toHaveLength(1);
    expect(socket.commands().filter((c) => c.event === 'logOut')).toHaveLength(2);
  });

  it('a request that finds the session expired sends the user back to sign in', async () => {
    window.history.replaceState(null, '', '/customers');
    installFakeFetch((req) => {
      if (req.path === '/api/auth/me') return { status: 200, body: { user: AGENT_USER } };
      if (req.path === '/readyz') return READY;
      if (req.path === '/api/customers') return UNAUTHENTICATED;
      return undefined;
    });
    render(app());

    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
  });
});
