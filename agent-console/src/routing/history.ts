import { useSyncExternalStore } from 'react';

const NAVIGATED = 'ringside:navigated';

/** The current location as the router sees it. */
export interface Location {
  pathname: string;
  search: string;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

// A string snapshot keeps useSyncExternalStore's identity check cheap and stable.
const snapshot = () => `${window.location.pathname}${window.location.search}`;

/** Re-renders on every navigation and returns the current location. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const q = href.indexOf('?');
  return q === -1 ? { pathname: href, search: '' } : { pathname: href.slice(0, q), search: href.slice(q) };
}

/** Goes to a same-origin path through the history API (replace for redirects and typed queries). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** Reads one query parameter of a search string. */
export function queryParam(search: string, name: string): string | null {
  return new URLSearchParams(search).get(name);
}
