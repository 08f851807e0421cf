import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { errorText } from '../session/error-text.js';
import { useApi } from './api-context.js';
import type { HttpClient } from './http-client.js';

/** A list from the API as a page shows it: loading, the error to show, or the items. */
export type ListState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: T[] };

/**
 * Fetches a list when the page opens and again whenever `refreshKey` changes; `reload` fetches it
 * once more (after a change, or on a timer). A page that closes mid-fetch shows nothing stale.
 */
export function useList<T>(
  fetchList: (http: HttpClient, signal?: AbortSignal) => Promise<T[]>,
  refreshKey?: unknown,
): { state: ListState<T>; setState: Dispatch<SetStateAction<ListState<T>>>; reload(signal?: AbortSignal): Promise<void> } {
  const http = useApi();
  const [state, setState] = useState<ListState<T>>({ status: 'loading' });
  const reload = useCallback(
    (signal?: AbortSignal) =>
      fetchList(http, signal).then(
        (items) => setState({ status: 'ready', items }),
        (err: unknown) => {
          if (!signal?.aborted) setState({ status: 'error', message: errorText(err) });
        },
      ),
    [http, fetchList],
  );
  useEffect(() => {
    const abort = new AbortController();
    void reload(abort.signal);
    return () => abort.abort();
  }, [reload, refreshKey]);
  return { state, setState, reload };
}
