import type { ApiEvent } from '../../shared/api';

/** A minimal synchronous event hub: transports subscribe, the service publishes after each save. */
export class EventHub {
  private readonly listeners = new Set<(event: ApiEvent) => void>();

  subscribe(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: ApiEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener (a closed socket, say) must not stop the others or the write.
        console.error('Empty Chair: an event listener failed:', error);
      }
    }
  }
}
