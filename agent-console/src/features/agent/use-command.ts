import { useCallback, useState } from 'react';
import { commandErrorText, type CommandOutcome } from '../../realtime/command-outcome.js';

/** Runs one action at a time and keeps its error text for an alert region. */
export function useCommandRunner() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<CommandOutcome>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const outcome = await action();
    setBusy(false);
    if (!outcome.ok) setError(commandErrorText(outcome.error));
    return outcome.ok;
  }, []);
  return { busy, error, run, clearError: () => setError(null) };
}
