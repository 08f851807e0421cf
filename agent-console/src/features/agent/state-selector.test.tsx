import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { connectedClient } from '../../test-support/fake-transport.js';
import { agent, agentSnapshot, AT, CALL_ID, call } from '../../test-support/live-fixtures.js';
import { renderLive, useLivePageHooks } from '../../test-support/render-live.js';
import { AgentPage } from './agent-page.js';

describe('state selector', () => {
  useLivePageHooks();

  it('offers Ready to a paused agent but not while their phone rings or a call is up', () => {
    const paused = connectedClient(agentSnapshot({ agent: agent({ status: { kind: 'paused', since: AT - 1000, reason: 'Lunch' } }) }));
    const first = renderLive(<AgentPage />, paused.client);
    expect(within(screen.getByRole('region', { name: 'My state' })).getByRole('button', { name: 'Ready' })).toBeEnabled();
    first.unmount();

    const ringing = connectedClient(
      agentSnapshot({
        agent: agent({ status: { kind: 'ringing', since: AT - 1000, callId: CALL_ID, previous: { kind: 'ready', since: AT - 9000 } } }),
        calls: [call()],
      }),
    );
    renderLive(<AgentPage />, ringing.client);
    expect(within(screen.getByRole('region', { name: 'My state' })).getByRole('button', { name: 'Ready' })).toBeDisabled();
  });
});
