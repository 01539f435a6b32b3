/** Whether the event channel is up: null until the transport reports, so nothing flashes at start. */
export type ConnectionStatus = boolean | null;

export interface ConnectionStore {
  get(): ConnectionStatus;
  set(connected: boolean): void;
  subscribe(listener: () => void): () => void;
}

/** A tiny external store for useSyncExternalStore; the transport reports into it before React starts. */
export function createConnectionStore(): ConnectionStore {
  let status: ConnectionStatus = null;
  const listeners = new Set<() => void>();
  return {
    get: () => status,
    set(connected) {
      if (status === connected) return;
      status = connected;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
