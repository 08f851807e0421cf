import { useEffect, useState } from 'react';
import type { Readiness } from '@ringside/shared';
import type { HttpClient } from '../api/http-client.js';

/** What the connection indicator knows about the server. */
export type ReadinessState =
  | { kind: 'checking' }
  | { kind: 'unreachable' }
  | { kind: 'known'; readiness: Readiness };

const PBX_STATES = new Set(['connected', 'connecting', 'disconnected', 'disabled']);

function asReadiness(body: unknown): Readiness | null {
  if (typeof body !== 'object' || body === null) return null;
  const r = body as Partial<Readiness>;
  if (typeof r.database?.ok !== 'boolean' || !r.pbx || !PBX_STATES.has(r.pbx.state)) return null;
  return r as Readiness;
}

/** Default poll period; the socket state replaces this polling in a later issue. */
export const READINESS_POLL_MS = 10_000;

/** Polls /readyz, which answers 200 or 503 with the same body; anything else means unreachable. */
export function useReadiness(http: HttpClient, intervalMs: number = READINESS_POLL_MS): ReadinessState {
  const [state, setState] = useState<ReadinessState>({ kind: 'checking' });

  useEffect(() => {
    let cancelled = false;
    let controller: AbortController | null = null;
    async function poll() {
      controller?.abort();
      controller = new AbortController();
      try {
        const reply = await http.getRaw('/readyz', { signal: controller.signal });
        const readiness = asReadiness(reply.body);
        if (!cancelled) setState(readiness ? { kind: 'known', readiness } : { kind: 'unreachable' });
      } catch (err) {
        if (!cancelled && !(err instanceof Error && err.name === 'AbortError')) setState({ kind: 'unreachable' });
      }
    }
    void poll();
    const timer = setInterval(() => void poll(), intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
      controller?.abort();
    };
  }, [http, intervalMs]);

  return state;
}
