import { describe, expect, it } from '@jest/globals';
import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { AgentQueue } from '@ringside/shared';
import { installFakeFetch, type SeenRequest } from '../../test-support/fake-fetch.js';
import { connectedClient } from '../../test-support/fake-transport.js';
import { agent, agentSnapshot, AT, ME_ID, queue, TENANT } from '../../test-support/live-fixtures.js';
import { renderLive, useLivePageHooks } from '../../test-support/render-live.js';
import { AgentPage } from './agent-page.js';

/** The server's GET /api/agent/queues, answering `lists` in turn (the last one from then on). */
function myQueuesServer(...lists: AgentQueue[][]): SeenRequest[] {
  let n = 0;
  return installFakeFetch((req) => (req.method === 'GET' && req.path === '/api/agent/queues' ? { status: 200, body: { queues: lists[Math.min(n++, lists.length - 1)] } } : undefined));
}

const row = (panel: ReturnType<typeof within>, name: string) => panel.getByText(name, { selector: '.queue-list__name' }).closest('li') as HTMLElement;

describe('my queues', () => {
  useLivePageHooks();

  it('shows how many callers wait in each queue and how long the first has waited, and follows the queue updates', async () => {
    myQueuesServer([
      { queue: 'sales', membership: 'dynamic' },
      { queue: 'support', membership: 'static' },
    ]);
    const { client, transport } = connectedClient(
      agentSnapshot({ queues: [queue('support', { waiting: 3, longestWaitSince: AT - 42_000 }), queue('sales')], seqs: { [`agent:${ME_ID}`]: 1, 'queue:support': 4, 'queue:sales': 2 } }),
    );
    renderLive(<AgentPage />, client);
    const panel = within(screen.getByRole('region', { name: 'My queues' }));
    const support = await waitFor(() => row(panel, 'support'));
    expect(support).toHaveTextContent('3 waiting · longest 0:42');
    expect(row(panel, 'sales')).toHaveTextContent('0 waiting');
    expect(row(panel, 'sales')).not.toHaveTextContent('longest');

    act(() => transport.delta({ room: 'queue:support', tenantId: TENANT.id, seq: 5, at: AT, changes: [{ type: 'queue', queue: queue('support', { waiting: 1, longestWaitSince: AT - 5_000 }) }] }));
    expect(support).toHaveTextContent('1 waiting · longest 0:05');
  });

  it('lists only the queues the dial plan lets the agent take: dynamic ones with a switch, static ones as fixed, others not at all', async () => {
    const seen = myQueuesServer([
      { queue: 'sales', membership: 'dynamic' },
      { queue: 'support', membership: 'static' },
    ]);
    // The agent's snapshot knows a queue "vip" too, which the dial plan does not let them join.
    const { client, transport } = connectedClient(agentSnapshot({ agent: agent({ memberships: [{ queue: 'support', paused: false, pausedReason: null }] }), queues: [queue('support'), queue('sales'), queue('vip')] }));
    renderLive(<AgentPage />, client);
    const panel = within(screen.getByRole('region', { name: 'My queues' }));
    const support = await waitFor(() => row(panel, 'support'));

    expect(seen.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/agent/queues');
    expect(panel.queryByText('vip')).toBeNull();
    expect(panel.queryByRole('button', { name: /vip/ })).toBeNull();
    expect(support).toHaveTextContent('Taking calls');
    expect(support).toHaveTextContent('Always in this queue');
    expect(within(support).queryByRole('button')).toBeNull();

    await userEvent.click(within(row(panel, 'sales')).getByRole('button', { name: 'Log in to sales' }));
    expect(transport.commands()).toEqual([{ event: 'queueLogin', payload: { queue: 'sales' } }]);
  });

  it('a queue the agent is still in after the dial plan dropped them can be left; a refused login shows why and refreshes the list', async () => {
    const seen = myQueuesServer([{ queue: 'sales', membership: 'dynamic' }], []);
    const { client, transport } = connectedClient(agentSnapshot({ agent: agent({ memberships: [{ queue: 'support', paused: false, pausedReason: null }] }) }), (event) =>
      event === 'queueLogin' ? { timedOut: false, ack: { ok: false, error: { code: 'QUEUE_NOT_ALLOWED', message: 'you are not a member of queue sales; an admin adds members in the dial plan' } } } : { timedOut: false, ack: { ok: true } },
    );
    renderLive(<AgentPage />, client);
    const panel = within(screen.getByRole('region', { name: 'My queues' }));
    await waitFor(() => row(panel, 'sales'));
    expect(within(row(panel, 'support')).getByRole('button', { name: 'Log out of support' })).toBeEnabled();

    await userEvent.click(within(row(panel, 'sales')).getByRole('button', { name: 'Log in to sales' }));
    expect(await panel.findByText(/not a member of queue sales/)).toBeInTheDocument();
    await waitFor(() => expect(panel.queryByText('sales', { selector: '.queue-list__name' })).toBeNull());
    expect(seen.filter((r) => r.path === '/api/agent/queues')).toHaveLength(2);
    expect(transport.commands()).toEqual([{ event: 'queueLogin', payload: { queue: 'sales' } }]);
  });
});
