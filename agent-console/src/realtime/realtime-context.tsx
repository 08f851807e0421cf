import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionState, RealtimeClient, RealtimeState } from './socket-client.js';

const RealtimeContext = createContext<RealtimeClient | null>(null);

/** Makes the session's one realtime client available to every feature. */
export function RealtimeProvider({ client, children }: { client: RealtimeClient; children: ReactNode }) {
  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

/** The realtime client, or null outside a signed-in console (pages then fall back to plain links). */
export function useOptionalRealtime(): RealtimeClient | null {
  return useContext(RealtimeContext);
}

/** The realtime client of the nearest RealtimeProvider. */
export function useRealtime(): RealtimeClient {
  const client = useContext(RealtimeContext);
  if (!client) throw new Error('useRealtime needs a <RealtimeProvider> above it');
  return client;
}

/** Re-renders on every store change: for the agent's own screen, where every change matters at once. */
export function useRealtimeState(): RealtimeState {
  const client = useRealtime();
  return useSyncExternalStore(client.subscribe, client.getState, client.getState);
}

const noClient = () => () => {};
const noState = () => null;

/** The socket state, or null without a realtime client. */
export function useConnectionState(): ConnectionState | null {
  const client = useOptionalRealtime();
  return useSyncExternalStore(
    client ? client.subscribe : noClient,
    client ? () => client.getState().connection : noState,
    client ? () => client.getState().connection : noState,
  );
}

/** Default spacing of wallboard renders. */
export const COALESCE_MS = 500;

/**
 * The store's state, re-read at most once per `intervalMs`: a supervisor's socket can carry dozens
 * of deltas a second, and re-rendering the whole wallboard for each would starve the page.
 */
export function useCoalescedRealtimeState(intervalMs: number = COALESCE_MS): RealtimeState {
  const client = useRealtime();
  const [state, setState] = useState(client.getState);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastFlush = Number.NEGATIVE_INFINITY;
    const flush = () => {
      timer = null;
      lastFlush = Date.now();
      setState(client.getState());
    };
    const off = client.subscribe(() => {
      if (timer !== null) return;
      timer = setTimeout(flush, Math.max(0, intervalMs - (Date.now() - lastFlush)));
    });
    setState(client.getState());
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, intervalMs]);
  return state;
}
