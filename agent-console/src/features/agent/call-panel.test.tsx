import { describe, expect, it } from '@jest/globals';
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { connectedClient } from '../../test-support/fake-transport.js';
import { adaPop, agent, agentLeg, agentSnapshot, AT, call, CALL_ID, ME_ID, TENANT } from '../../test-support/live-fixtures.js';
import { renderLive, useLivePageHooks } from '../../test-support/render-live.js';
import { AgentPage } from './agent-page.js';

const ROOM = `agent:${ME_ID}` as const;
const onCall = (muted = false) =>
  agentSnapshot({ agent: agent({ status: { kind: 'on_call', since: AT - 65_000, callId: CALL_ID } }), calls: [call({ legs: [agentLeg({ muted })] })] });

function callPanel() {
  return screen.getByRole('region', { name: 'Call' });
}

describe('call panel', () => {
  useLivePageHooks();

  it('shows the formatted caller, the customer from the screen pop, the queue, the menu path and the timers', () => {
    const { client, transport } = connectedClient(onCall());
    act(() => transport.emit('screenPop', adaPop()));
    renderLive(<AgentPage />, client);

    const panel = callPanel();
    expect(within(panel).getByText('+49 30 1234567')).toBeInTheDocument();
    expect(within(panel).getByText(/Ada Lovelace/)).toBeInTheDocument();
    expect(panel).toHaveTextContent('Queuesupport');
    expect(panel).toHaveTextContent('Menu pathmain › pressed 2');
    expect(panel).toHaveTextContent('Waited0:42');
    expect(panel).toHaveTextContent('Talk time1:05');
    expect(panel).toHaveTextContent('Hold time0:00');
    expect(panel).toHaveTextContent(/State\W*Connected/);
    // The pop beside it shows the customer card with a link to the full record.
    expect(screen.getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute('href', `/customers/${'11111111-1111-4111-8111-111111111111'}`);
  });

  it('hold sends the command, the delta turns the button into Resume with a running hold timer, and Resume unholds', async () => {
    const { client, transport } = connectedClient(onCall());
    const user = userEvent.setup();
    renderLive(<AgentPage />, client);

    await user.click(within(callPanel()).getByRole('button', { name: 'Hold' }));
    expect(transport.commands()).toEqual([{ event: 'hold', payload: { callId: CALL_ID } }]);

    act(() =>
      transport.delta({
        room: ROOM, tenantId: TENANT.id,
        seq: 2,
        at: AT,
        changes: [
          { type: 'agent', agent: agent({ status: { kind: 'on_hold', since: AT - 7000, callId: CALL_ID } }) },
          { type: 'call', call: call({ status: { kind: 'held', agent: ME_ID }, holdSeconds: 10 }) },
        ],
      }),
    );
    const resume = within(callPanel()).getByRole('button', { name: 'Resume' });
    expect(resume).toHaveAttribute('aria-pressed', 'true');
    expect(callPanel()).toHaveTextContent('Hold time0:17');
    expect(callPanel()).toHaveTextContent(/State\W*On hold/);

    await user.click(resume);
    expect(transport.commands()[1]).toEqual({ event: 'unhold', payload: { callId: CALL_ID } });
  });

  it('a console opened on a muted call shows Unmute pressed; the button follows the call view, not the click', async () => {
    const { client, transport } = connectedClient(onCall(true));
    const user = userEvent.setup();
    renderLive(<AgentPage />, client);

    const unmute = within(callPanel()).getByRole('button', { name: 'Unmute' });
    expect(unmute).toHaveAttribute('aria-pressed', 'true');
    await user.click(unmute);
    expect(transport.commands()).toEqual([{ event: 'unmute', payload: { callId: CALL_ID } }]);
    // The switch's word arrives as a delta; until then the leg is still muted.
    expect(within(callPanel()).getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');

    act(() => transport.delta({ room: ROOM, tenantId: TENANT.id, seq: 2, at: AT, changes: [{ type: 'call', call: call({ legs: [agentLeg({ muted: false })] }) }] }));
    const mute = within(callPanel()).getByRole('button', { name: 'Mute' });
    expect(mute).toHaveAttribute('aria-pressed', 'false');
    await user.click(mute);
    expect(transport.commands()[1]).toEqual({ event: 'mute', payload: { callId: CALL_ID } });

    // Muted from another console of the same agent: this one follows.
    act(() => transport.delta({ room: ROOM, tenantId: TENANT.id, seq: 3, at: AT, changes: [{ type: 'call', call: call({ legs: [agentLeg({ muted: true })] }) }] }));
    expect(within(callPanel()).getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('hang up sends the command, and a refusal is announced', async () => {
    const { client, transport } = connectedClient(onCall(), () => ({ timedOut: false, ack: { ok: false, error: { code: 'CALL_NOT_FOUND', message: 'gone' } } }));
    const user = userEvent.setup();
    renderLive(<AgentPage />, client);

    await user.click(within(callPanel()).getByRole('button', { name: 'Hang up' }));
    expect(transport.commands()).toEqual([{ event: 'hangUp', payload: { callId: CALL_ID } }]);
    expect(within(callPanel()).getByRole('alert')).toHaveTextContent('This call has already ended.');
  });

  it('Alt+H hangs up from the keyboard, but typing the same keys in a field does nothing', async () => {
    const { client, transport } = connectedClient(onCall());
    const user = userEvent.setup();
    renderLive(<AgentPage />, client);

    const search = document.createElement('input');
    document.body.append(search);
    search.focus();
    await user.keyboard('{Alt>}h{/Alt}');
    expect(transport.commands()).toEqual([]);
    search.remove();

    document.body.focus();
    await user.keyboard('{Alt>}h{/Alt}');
    expect(transport.commands()).toEqual([{ event: 'hangUp', payload: { callId: CALL_ID } }]);

    await user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveTextContent('Alt+HHang up the call');
  });

  it('an attended transfer consults first, then completes from the call panel', async () => {
    const snap = onCall();
    snap.queues = [snap.queues[0]!, { ...snap.queues[1]!, name: 'sales' }];
    const { client, transport } = connectedClient(snap);
    const user = userEvent.setup();
    renderLive(<AgentPage />, client);

    await user.click(within(callPanel()).getByRole('button', { name: 'Transfer' }));
    const dialog = screen.getByRole('dialog', { name: 'Transfer the call' });
    await user.click(within(dialog).getByRole('radio', { name: 'Attended: talk to them first' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Queue sales' }));
    await user.click(within(dialog).getByRole('button', { name: 'Call to consult' }));

    expect(transport.commands()).toEqual([{ event: 'attendedTransferConsult', payload: { callId: CALL_ID, target: { kind: 'queue', queue: 'sales' } } }]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(callPanel()).toHaveTextContent('Consulting sales; the caller is on hold.');

    await user.click(within(callPanel()).getByRole('button', { name: 'Complete transfer' }));
    expect(transport.commands()[1]).toEqual({ event: 'attendedTransferComplete', payload: { callId: CALL_ID } });
    expect(callPanel()).not.toHaveTextContent('Consulting sales');
  });
});
