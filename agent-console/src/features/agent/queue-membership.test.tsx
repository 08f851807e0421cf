import { describe, expect, it } from '@jest/globals';
import { act, screen, within } from '@testing-library/react';
import { connectedClient } from '../../test-support/fake-transport.js';
import { agentSnapshot, AT, ME_ID, queue } from '../../test-support/live-fixtures.js';
import { renderLive, useLivePageHooks } from '../../test-support/render-live.js';
import { AgentPage } from './agent-page.js';

describe('my queues', () => {
  useLivePageHooks();

  it('shows how many callers wait in each queue and how long the first has waited, and follows the queue updates', () => {
    const { client, transport } = connectedClient(
      agentSnapshot({ queues: [queue('support', { waiting: 3, longestWaitSince: AT - 42_000 }), queue('sales')], seqs: { [`agent:${ME_ID}`]: 1, 'queue:support': 4, 'queue:sales': 2 } }),
    );
    renderLive(<AgentPage />, client);
    const panel = within(screen.getByRole('region', { name: 'My queues' }));
    const support = panel.getByText('support').closest('li') as HTMLElement;
    expect(support).toHaveTextContent('3 waiting · longest 0:42');
    expect(panel.getByText('sales').closest('li')).toHaveTextContent('0 waiting');
    expect(panel.getByText('sales').closest('li')).not.toHaveTextContent('longest');

    act(() => transport.delta({ room: 'queue:support', seq: 5, at: AT, changes: [{ type: 'queue', queue: queue('support', { waiting: 1, longestWaitSince: AT - 5_000 }) }] }));
    expect(support).toHaveTextContent('1 waiting · longest 0:05');
  });
});
