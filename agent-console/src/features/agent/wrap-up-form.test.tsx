import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { connectedClient } from '../../test-support/fake-transport.js';
import { agent, agentSnapshot, AT, CALL_ID } from '../../test-support/live-fixtures.js';
import { renderLive, useLivePageHooks } from '../../test-support/render-live.js';
import { AgentPage } from './agent-page.js';

const inWrapUp = () =>
  agentSnapshot({
    agent: agent({
      status: { kind: 'wrap_up', since: AT - 5000, callId: CALL_ID, until: AT + 25_000 },
      lastCall: { callId: CALL_ID, legId: '1741168800.18', callerNumber: '+49301234567', queue: 'support', disposition: null },
    }),
  });

describe('wrap-up form', () => {
  useLivePageHooks();

  it('shows the call and the time left, and refuses to save without an outcome', async () => {
    const { client, transport } = connectedClient(inWrapUp());
    const user = userEvent.setup();
    renderLive(<AgentPage />, client);

    const form = screen.getByRole('region', { name: 'Wrap-up' });
    expect(form).toHaveTextContent('Call with +49 30 1234567');
    expect(form).toHaveTextContent('Time left: 0:25');

    await user.click(within(form).getByRole('button', { name: 'Save outcome' }));
    const outcome = within(form).getByLabelText('Outcome');
    expect(outcome).toBeInvalid();
    expect(outcome).toHaveAccessibleDescription('Choose the outcome of the call.');
    expect(outcome).toHaveFocus();
    expect(transport.commands()).toEqual([]);
  });

  it('saving sends setDisposition with the outcome and the notes, and confirms', async () => {
    const { client, transport } = connectedClient(inWrapUp());
    const user = userEvent.setup();
    renderLive(<AgentPage />, client);

    const form = screen.getByRole('region', { name: 'Wrap-up' });
    await user.selectOptions(within(form).getByLabelText('Outcome'), 'Sale');
    await user.type(within(form).getByLabelText('Notes (optional)'), 'Upgraded to the annual plan.');
    await user.click(within(form).getByRole('button', { name: 'Save outcome' }));

    expect(transport.commands()).toEqual([{ event: 'setDisposition', payload: { callId: CALL_ID, code: 'sale', notes: 'Upgraded to the annual plan.' } }]);
    expect(within(form).getByRole('status')).toHaveTextContent('Outcome saved.');
  });

  it('the dispositions configured in the snapshot replace the catalogue list', () => {
    const { client } = connectedClient({ ...inWrapUp(), dispositions: [{ code: 'renewal', label: 'Contract renewed' }, 'bad code!'] } as never);
    renderLive(<AgentPage />, client);
    const options = within(screen.getByLabelText('Outcome')).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Choose an outcome…', 'Contract renewed']);
  });

  it('"Ready for the next call" ends wrap-up early', async () => {
    const { client, transport } = connectedClient(inWrapUp());
    const user = userEvent.setup();
    renderLive(<AgentPage />, client);
    await user.click(screen.getByRole('button', { name: 'Ready for the next call' }));
    expect(transport.commands()).toEqual([{ event: 'unpause', payload: {} }]);
  });
});
