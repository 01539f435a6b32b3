/** What a participant's tab keeps for a reload (sessionStorage): the session key, the queue and an unanswered join. */

export const STORED_SESSION_KEY = 'empty-chair.participant';
export const STORED_QUEUE_KEY = 'empty-chair.participant.pending';
export const STORED_JOIN_KEY = 'empty-chair.participant.join';

export interface SessionStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Without a tab storage (tests, storage blocked) the same things are kept for this page only. */
export function memoryStorage(): SessionStorageLike {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

export function readJson<T>(storage: SessionStorageLike, key: string): T | null {
  try {
    const text = storage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export function writeJson(storage: SessionStorageLike, key: string, value: unknown): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the queue still lives in memory for this page.
  }
}
