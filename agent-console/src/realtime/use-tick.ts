import { useSyncExternalStore } from 'react';

// One shared 1 s clock for every ticking timer on the page, started by the first subscriber.
const subscribers = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let current = Date.now();

function subscribe(listener: () => void): () => void {
  subscribers.add(listener);
  if (timer === null) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const s of [...subscribers]) s();
    }, 1000);
  }
  return () => {
    subscribers.delete(listener);
    if (subscribers.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const read = () => current;

/** The local time, updated once a second while something shows a running timer. */
export function useTick(): number {
  return useSyncExternalStore(subscribe, read, read);
}
