import { afterEach, beforeEach, jest } from '@jest/globals';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiProvider } from '../api/api-context.js';
import { createHttpClient } from '../api/http-client.js';
import { RealtimeProvider } from '../realtime/realtime-context.js';
import type { RealtimeClient } from '../realtime/socket-client.js';
import { installFakeFetch } from './fake-fetch.js';
import { AT } from './live-fixtures.js';

/** Freezes only the clock (timers still run), so ticking durations read the same in every run. */
export function freezeClock(at: number = AT): void {
  jest.useFakeTimers({
    now: at,
    doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'nextTick', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'hrtime', 'performance'],
  });
}

/** Renders a page with the real HttpClient and the given realtime client. */
export function renderLive(ui: ReactElement, client: RealtimeClient) {
  return render(
    <ApiProvider client={createHttpClient()}>
      <RealtimeProvider client={client}>{ui}</RealtimeProvider>
    </ApiProvider>,
  );
}

/**
 * The hooks of a live page test: the clock frozen and a fetch that answers nothing, real timers
 * again after each test. The desk's list of queues stays loading unless a test scripts it, so a
 * test about something else sees no late update from it.
 */
export function useLivePageHooks(): void {
  beforeEach(() => {
    freezeClock();
    installFakeFetch((req) => (req.path === '/api/agent/queues' ? 'pending' : undefined));
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}
