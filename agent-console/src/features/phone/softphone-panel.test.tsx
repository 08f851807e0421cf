import { describe, expect, it, jest } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { EventEmitter } from 'node:events';
import { connectedClient } from '../../test-support/fake-transport.js';
import { agent, agentSnapshot, AT, call, CALL_ID, ME_ID, TENANT } from '../../test-support/live-fixtures.js';
import { createJsSipDriver, type SipSession, type SipUserAgent } from './jssip-driver.js';
import { createServerDriver } from './server-driver.js';
import { SoftphonePanel } from './softphone-panel.js';

const CONFIG = { mode: 'webrtc' as const, wsUri: 'wss://pbx.example.org:8089/ws', sipUri: 'sip:1001@pbx.example.org', authorizationUser: null, password: 'pw', displayName: null, iceServers: [] };

class FakeUa extends EventEmitter {
  started = false;
  start() {
    this.started = true;
  }
  stop() {
    this.started = false;
  }
}

function fakeSession(): SipSession & EventEmitter & { answered: unknown[] } {
  const s = new EventEmitter() as SipSession & EventEmitter & { answered: unknown[] };
  Object.assign(s, {
    direction: 'incoming',
    remote_identity: { uri: { user: '+49301234567' } },
    connection: null,
    answered: [] as unknown[],
    answer(o: unknown) {
      s.answered.push(o);
    },
    terminate: jest.fn(),
    hold: () => true,
    unhold: () => true,
    mute: jest.fn(),
    unmute: jest.fn(),
    sendDTMF: jest.fn(),
  });
  return s;
}

const denied = () => Promise.reject(Object.assign(new Error('denied'), { name: 'NotAllowedError' }));
const stream = () => Promise.resolve({ getTracks: () => [{ stop: () => undefined }] } as unknown as MediaStream);

describe('softphone', () => {
  it('when the microphone is refused the browser phone says how to allow it and does not register', async () => {
    const ua = new FakeUa();
    const driver = createJsSipDriver(CONFIG, { getUserMedia: denied, createUserAgent: async () => ua as unknown as SipUserAgent });
    render(<SoftphonePanel driver={driver} />);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Connect browser phone' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The browser may not use your microphone. Allow microphone access');
    expect(screen.getByText('Not available')).toBeInTheDocument();
    expect(ua.started).toBe(false);
  });

  it('registers over WSS, rings on an incoming call, and answers with the microphone', async () => {
    const ua = new FakeUa();
    const driver = createJsSipDriver(CONFIG, { getUserMedia: stream, createUserAgent: async () => ua as unknown as SipUserAgent });
    const user = userEvent.setup();
    render(<SoftphonePanel driver={driver} />);

    await user.click(screen.getByRole('button', { name: 'Connect browser phone' }));
    expect(ua.started).toBe(true);
    act(() => void ua.emit('registered', {}));
    expect(screen.getByText('Ready for calls')).toBeInTheDocument();

    const session = fakeSession();
    act(() => void ua.emit('newRTCSession', { originator: 'remote', session }));
    expect(screen.getByText(/Ringing · \+49301234567/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Answer' }));
    expect(session.answered).toHaveLength(1);

    act(() => void session.emit('confirmed'));
    expect(screen.getByText('In a call')).toBeInTheDocument();
    expect(await driver.dtmf(CALL_ID, '5')).toEqual({ ok: true });
    expect(session.sendDTMF).toHaveBeenCalledWith('5');
    expect((await driver.dtmf(CALL_ID, '5\r\n')).ok).toBe(false);
  });

  it('in simulated-switch mode the phone follows the agent state and its controls are socket commands', async () => {
    const { client, transport } = connectedClient(agentSnapshot());
    const driver = createServerDriver(client);
    await driver.register();
    render(<SoftphonePanel driver={driver} />);
    expect(screen.getByText('Ready for calls')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Answer' })).not.toBeInTheDocument();

    act(() =>
      transport.delta({
        room: `agent:${ME_ID}`, tenantId: TENANT.id,
        seq: 2,
        at: AT,
        changes: [{ type: 'call', call: call() }, { type: 'agent', agent: agent({ status: { kind: 'on_call', since: AT, callId: CALL_ID } }) }],
      }),
    );
    expect(screen.getByText('In a call')).toBeInTheDocument();

    await driver.mute(CALL_ID, true);
    await driver.dtmf(CALL_ID, '#');
    expect(transport.commands()).toEqual([
      { event: 'mute', payload: { callId: CALL_ID } },
      { event: 'sendDtmf', payload: { callId: CALL_ID, digits: '#' } },
    ]);
    expect((await driver.answer()).ok).toBe(false);
  });
});
