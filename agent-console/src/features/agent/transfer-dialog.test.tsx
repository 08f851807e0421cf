import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { connectedClient } from '../../test-support/fake-transport.js';
import { agent, agentSnapshot, AT, CALL_ID } from '../../test-support/live-fixtures.js';
import { numberTarget, TransferDialog } from './transfer-dialog.js';

const SAM = agent({ agentId: '00000000-0000-4000-8000-0000000000b2', name: 'Sam Sales', extension: '1002', status: { kind: 'ready', since: AT } });
const KIM = agent({ agentId: '00000000-0000-4000-8000-0000000000b3', name: 'Kim Support', extension: '1003', status: { kind: 'on_call', since: AT, callId: '1.2' } });

function setup() {
  const { client, transport } = connectedClient(agentSnapshot());
  const onClose = jest.fn();
  const onConsultStarted = jest.fn();
  render(
    <TransferDialog callId={CALL_ID} directory={{ agents: [SAM, KIM], queues: ['sales', 'support'] }} client={client} onClose={onClose} onConsultStarted={onConsultStarted} />,
  );
  return { transport, onClose, onConsultStarted, user: userEvent.setup(), dialog: screen.getByRole('dialog', { name: 'Transfer the call' }) };
}

describe('transfer dialog', () => {
  it('lists the colleagues as they are now, fetched when it opens, leaving out those logged out', async () => {
    const { client } = connectedClient(agentSnapshot());
    const now = [
      { agentId: SAM.agentId, name: 'Sam Sales', extension: '1002', status: { kind: 'logged_out' as const, since: AT } },
      { agentId: '00000000-0000-4000-8000-0000000000b4', name: 'Lee Late', extension: '1004', status: { kind: 'ready' as const, since: AT } },
    ];
    render(<TransferDialog callId={CALL_ID} directory={{ agents: [SAM], queues: [] }} loadColleagues={() => Promise.resolve(now)} client={client} onClose={jest.fn()} onConsultStarted={jest.fn()} />);
    const dialog = screen.getByRole('dialog', { name: 'Transfer the call' });
    expect(await within(dialog).findByRole('radio', { name: 'Lee Late (extension 1004) Ready' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('radio', { name: /Sam Sales/ })).not.toBeInTheDocument();
  });

  it('searching the directory narrows colleagues and queues by name or extension', async () => {
    const { user, dialog } = setup();
    expect(within(dialog).getAllByRole('radio', { name: /extension|Queue/ })).toHaveLength(4);

    await user.type(within(dialog).getByLabelText('Search colleagues and queues'), 'sal');
    expect(within(dialog).getByRole('radio', { name: 'Sam Sales (extension 1002) Ready' })).toBeInTheDocument();
    expect(within(dialog).getByRole('radio', { name: 'Queue sales' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('radio', { name: /Kim Support/ })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('radio', { name: 'Queue support' })).not.toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText('Search colleagues and queues'));
    await user.type(within(dialog).getByLabelText('Search colleagues and queues'), '1003');
    expect(within(dialog).getByRole('radio', { name: /Kim Support/ })).toBeInTheDocument();
    expect(within(dialog).queryByRole('radio', { name: /Sam Sales/ })).not.toBeInTheDocument();
  });

  it('a free number smuggling a line break and an AMI header, or letters, is refused and nothing is sent', async () => {
    const { user, dialog, transport } = setup();
    const field = within(dialog).getByLabelText('Number or extension');

    fireEvent.change(field, { target: { value: '123\r\nAction: Originate' } });
    await user.click(within(dialog).getByRole('button', { name: 'Transfer now' }));
    expect(field).toBeInvalid();
    expect(field).toHaveAccessibleDescription(/Enter a phone number/);
    expect(field).toHaveFocus();

    await user.clear(field);
    await user.type(field, '0800-CALL-NOW');
    await user.click(within(dialog).getByRole('button', { name: 'Transfer now' }));
    expect(field).toBeInvalid();
    expect(transport.sent).toEqual([]);

    // The schema check also stands on its own for any caller of the dialog's parser.
    expect(numberTarget('123\r\nAction')).toBeNull();
    expect(numberTarget('abc')).toBeNull();
    expect(numberTarget('1004')).toEqual({ kind: 'extension', extension: '1004' });
  });

  it('a blind transfer to a typed number sends it as an external target and closes', async () => {
    const { user, dialog, transport, onClose, onConsultStarted } = setup();
    await user.type(within(dialog).getByLabelText('Number or extension'), '+49 30 1234567');
    await user.click(within(dialog).getByRole('button', { name: 'Transfer now' }));

    expect(transport.sent).toEqual([{ event: 'blindTransfer', payload: { callId: CALL_ID, target: { kind: 'external', number: '+49 30 1234567' } } }]);
    expect(onClose).toHaveBeenCalled();
    expect(onConsultStarted).not.toHaveBeenCalled();
  });

  it('an attended transfer to a colleague consults their extension and hands over to the call panel', async () => {
    const { user, dialog, transport, onClose, onConsultStarted } = setup();
    await user.click(within(dialog).getByRole('radio', { name: 'Attended: talk to them first' }));
    await user.click(within(dialog).getByRole('radio', { name: /Sam Sales/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Call to consult' }));

    expect(transport.sent).toEqual([{ event: 'attendedTransferConsult', payload: { callId: CALL_ID, target: { kind: 'extension', extension: '1002' } } }]);
    expect(onConsultStarted).toHaveBeenCalledWith('Sam Sales');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('submitting without a target asks for one', async () => {
    const { user, dialog, transport } = setup();
    await user.click(within(dialog).getByRole('button', { name: 'Transfer now' }));
    expect(within(dialog).getByText('Choose whom to transfer to.')).toBeInTheDocument();
    expect(transport.sent).toEqual([]);
  });
});
