import { useCallback, useEffect, useRef, useState } from 'react';
import type { Library } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { useClient } from './clientContext';

export interface LibraryState {
  library: Library | null;
  error: ApiError | null;
  reload: () => void;
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error));
}

/** The library (meeting list, personas, tags, settings), kept current by 'library.changed' events. */
export function useLibrary(): LibraryState {
  const client = useClient();
  const [library, setLibrary] = useState<Library | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Bumped by every event: a library.get answer older than an event must not overwrite it.
  const eventCount = useRef(0);

  useEffect(() => {
    let active = true;
    const unsubscribe = client.subscribe((event) => {
      if (event.event !== 'library.changed') return;
      eventCount.current += 1;
      setLibrary(event.payload);
      setError(null);
    });
    const before = eventCount.current;
    client.call('library.get', {}).then(
      (value) => {
        if (!active || eventCount.current !== before) return;
        setLibrary(value);
        setError(null);
      },
      (reason: unknown) => {
        if (active) setError(asApiError(reason));
      },
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [client, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { library, error, reload };
}
