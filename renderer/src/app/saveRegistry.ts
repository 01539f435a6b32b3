/** The autosaving fields of one screen, as a group: flushed together, summarised in one quiet status. */

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export const AUTOSAVE_DELAY_MS = 300;
export const AUTOSAVE_MAX_WAIT_MS = 900;

export interface Saver {
  readonly group: string;
  readonly status: SaveStatus;
  registry: SaveRegistry | null;
  flush(): Promise<void>;
}

/** Every autosaving field on a screen: flush them all (before moving on, when the page hides) and summarise their state. */
export class SaveRegistry {
  private readonly fields = new Set<Saver>();
  private readonly listeners = new Set<() => void>();

  register(field: Saver): () => void {
    this.fields.add(field);
    field.registry = this;
    this.notify();
    return () => {
      this.fields.delete(field);
      if (field.registry === this) field.registry = null;
      this.notify();
    };
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Saves everything typed and not yet saved; resolves when those saves have answered. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.fields].map((field) => field.flush().catch(() => undefined)));
  }

  /** The quiet status of a group of fields: saving wins over an error, an error over saved. */
  summary = (group: string): SaveStatus => {
    let result: SaveStatus = 'idle';
    for (const field of this.fields) {
      if (field.group !== group) continue;
      if (field.status === 'saving') return 'saving';
      if (field.status === 'error') result = 'error';
      else if (field.status === 'saved' && result === 'idle') result = 'saved';
    }
    return result;
  };
}
