import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError } from './useLibrary';

export interface Action {
  /** A run is in flight (buttons show it with disabled / aria-busy). */
  busy: boolean;
  /** Why the last run failed, prefixed; or a message the component set itself (validation). */
  error: string | null;
  setError: (message: string | null) => void;
  /**
   * Clears the error, runs the task, and on failure shows `prefix` + the service's message.
   * Resolves true when the task succeeded; false when it failed or was not run because another
   * run was still in flight (a double press must not send the call twice).
   */
  run: (task: () => Promise<unknown>, prefix?: string) => Promise<boolean>;
}

/**
 * Busy and error state of one component's service calls, written once: many screens repeated the
 * same try/catch/finally. A component gone before its call ends (a dialog closed by the success
 * itself) gets no state update afterwards.
 */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (task: () => Promise<unknown>, prefix = '') => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await task();
      return true;
    } catch (reason) {
      if (mounted.current) setError(prefix + asApiError(reason).message);
      return false;
    } finally {
      running.current = false;
      if (mounted.current) setBusy(false);
    }
  }, []);

  return { busy, error, setError, run };
}
