import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { act, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { connectedClient } from '../../test-support/fake-transport.js';
import { agent, agentLeg, AT, call, CALL_ID, period, queue, supervisorSnapshot, TENANT } from '../../test-support/live-fixtures.js';
import { renderLive } from '../../test-support/render-live.js';
import { WallboardPage } from './wallboard-page.js';

function tile(name: string) {
  return screen.getByRole('article', { name });
}

describe('wallboard', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('a queue over a threshold turns into its alert state and says which figure, in words', () => {
    jest.useFakeTimers({ now: AT });
    const { client } = connectedClient(
      supervisorSnapshot({
        queues: [
          queue('support'),
          queue('sales', { waiting: 3, longestWaitSince: AT - 95_000, today: period('2025-03-05', { serviceLevel: 0.62, abandonRate: 0.04 }) }),
        ],
      }),
    );
    renderLive(<WallboardPage />, client);
    act(() => jest.advanceTimersByTime(500));

    expect(tile('support')).toHaveAttribute('data-alert', 'false');
    expect(tile('support')).not.toHaveTextContent('Alert');
    expect(tile('sales')).toHaveAttribute('data-alert', 'true');
    expect(tile('sales')).toHaveClass('tile--alert');
    expect(tile('sales')).toHaveTextContent('Alert: a caller waits too long, service level below target');
    expect(tile('sales')).toHaveTextContent('Longest wait⚠ 1:35');
    expect(tile('sales')).toHaveTextContent('Service level (20 s)⚠ 62 %');
    expect(tile('sales')).toHaveTextContent('Abandoned4 %');
    expect(within(tile('sales')).getByRole('list', { name: 'Agents by state' })).toHaveTextContent('Ready: 2');
  });

  it('a burst of deltas is drawn once, showing the newest figures', () => {
    jest.useFakeTimers({ now: AT });
    const { client, transport } = connectedClient(supervisorSnapshot());
    let commits = 0;
    renderLive(
      <Profiler id="wallboard" onRender={() => commits++}>
        <WallboardPage />
      </Profiler>,
      client,
    );
    act(() => jest.advanceTimersByTime(500));
    const before = commits;

    act(() => {
      for (let seq = 2; seq <= 31; seq++) {
        transport.delta({ room: 'supervisors', tenantId: TENANT.id, seq, at: AT, changes: [{ type: 'queue', queue: queue('support', { waiting: seq }) }] });
      }
    });
    expect(commits).toBe(before);
    expect(tile('support')).toHaveTextContent('Waiting0');

    act(() => jest.advanceTimersByTime(500));
    expect(commits).toBe(before + 1);
    expect(tile('support')).toHaveTextContent('Waiting⚠ 31');
    expect(tile('support')).toHaveTextContent('Alert: too many callers waiting');
  });

  it('an agent whose microphone is muted at the switch is marked Muted in words, and the mark goes with the unmute', () => {
    jest.useFakeTimers({ now: AT });
    const onCall = agent({ status: { kind: 'on_call', since: AT - 30_000, callId: CALL_ID } });
    const { client, transport } = connectedClient(supervisorSnapshot({ agents: [onCall], calls: [call({ legs: [agentLeg({ muted: true })] })] }));
    renderLive(<WallboardPage />, client);
    act(() => jest.advanceTimersByTime(500));
    expect(screen.getByRole('row', { name: /Alex Agent/ })).toHaveTextContent('+49 30 1234567 · support 🔇 Muted');

    act(() => {
      transport.delta({ room: 'supervisors', tenantId: TENANT.id, seq: 2, at: AT, changes: [{ type: 'call', call: call({ legs: [agentLeg({ muted: false })] }) }] });
      jest.advanceTimersByTime(500);
    });
    expect(screen.getByRole('row', { name: /Alex Agent/ })).not.toHaveTextContent('Muted');
  });

  it('lists agents with state and call, and charts today with a table alternative', () => {
    jest.useFakeTimers({ now: AT });
    const { client } = connectedClient(supervisorSnapshot());
    renderLive(<WallboardPage />, client);
    act(() => jest.advanceTimersByTime(500));

    const row = screen.getByRole('row', { name: /Alex Agent/ });
    expect(row).toHaveTextContent('Ready');
    expect(within(row).getByRole('button', { name: 'Listen' })).toBeDisabled();
    expect(within(row).getByRole('button', { name: 'Pause agent' })).toBeEnabled();

    expect(screen.getByRole('img', { name: 'Calls per 15 minutes' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Calls per 15 minutes' });
    expect(within(table).getByRole('row', { name: '10:00 2 2 0' })).toBeInTheDocument();
  });
});
