/**
 * Autosave for the meeting screens: fields save as the user types (debounced, with a maximum
 * wait so a steady typist is still saved about every second), on blur, when the page is hidden
 * or closed, and when the field goes away. One save per field is in flight at a time, so saves
 * cannot overtake each other.
 *
 * Every save comes back as a 'meeting.changed' event (the echo). A text field keeps what the user
 * typed: an echo of one of its own saves is recognised and never replaces newer keystrokes. A
 * change made in another window is shown at once when the field has no unsaved keystrokes; when
 * it does, nothing is overwritten silently: the field stops saving and asks which text to keep.
 *
 * The state lives in small controller objects outside React (read with useSyncExternalStore).
 * A text field's element is uncontrolled: the element holds what is typed, and the controller
 * writes into it only when a text comes from elsewhere, and its component hears only of an error
 * or a conflict (the quiet status reaches SaveStatusText through the registry). So typing
 * re-renders nothing: a controlled field re-rendered its whole component on every key
 * (docs/performance.md, finding 8).
 *
 * This module holds those controllers (no React); autosave.tsx binds them to components.
 */
import type { ApiError } from '../../../shared/errors';
import { asApiError } from './useLibrary';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, type Saver, type SaveRegistry, type SaveStatus } from './saveRegistry';

/** Base for the two kinds of field: status, listeners, registry. */
abstract class FieldController<S> implements Saver {
  registry: SaveRegistry | null = null;
  status: SaveStatus = 'idle';
  error: ApiError | null = null;
  private readonly listeners = new Set<() => void>();
  protected snapshot!: S;

  constructor(readonly group: string) {}

  abstract flush(): Promise<void>;
  protected abstract makeSnapshot(): S;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): S => this.snapshot;

  protected changed(): void {
    this.snapshot = this.makeSnapshot();
    for (const listener of [...this.listeners]) listener();
  }

  protected setStatus(status: SaveStatus, error: ApiError | null = null): void {
    const statusChanged = this.status !== status;
    this.status = status;
    this.error = error;
    this.changed();
    if (statusChanged) this.registry?.notify();
  }
}

/**
 * What a text field's component shows around it. The text itself is in the element (and
 * `field.value`); the status is shown by SaveStatusText.
 */
export interface TextFieldState {
  error: ApiError | null;
  /** Set when another window changed the text while this one had unsaved keystrokes. */
  conflict: { theirs: string } | null;
}

export interface TextFieldConfig {
  send: (value: string) => Promise<unknown>;
  /** How the service stores what was sent (e.g. trimmed), to recognise the echo. */
  normalize?: (value: string) => string;
  delayMs?: number;
  maxWaitMs?: number;
}

const identity = (value: string) => value;

/** One autosaving text: what is typed, what the service has, and the saves between them. */
export class TextFieldController extends FieldController<TextFieldState> {
  private draft: string;
  /** What the service holds as far as this field knows: the last value it saved, or took from elsewhere. */
  private saved: string;
  private remote: string;
  /** Normalised values sent whose echo has not been seen yet, oldest first. */
  private sent: string[] = [];
  private conflict: { theirs: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstUnsavedAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  private config: Required<TextFieldConfig>;
  private element: HTMLInputElement | HTMLTextAreaElement | null = null;

  constructor(remote: string, group: string, config: TextFieldConfig) {
    super(group);
    this.draft = this.saved = this.remote = remote;
    this.config = withDefaults(config);
    this.snapshot = this.makeSnapshot();
  }

  configure(config: TextFieldConfig): void {
    this.config = withDefaults(config);
  }

  protected makeSnapshot(): TextFieldState {
    return { error: this.error, conflict: this.conflict };
  }

  /** Tells the component only what it shows: a new status alone re-renders nothing but SaveStatusText. */
  protected override changed(): void {
    if (this.error === this.snapshot.error && this.conflict === this.snapshot.conflict) return;
    super.changed();
  }

  /** The text as typed (what the element shows). */
  get value(): string {
    return this.draft;
  }

  private norm(value: string): string {
    return this.config.normalize(value);
  }

  get dirty(): boolean {
    return this.norm(this.draft) !== this.norm(this.saved);
  }

  /** What the user typed (the element already shows it). */
  change(value: string): void {
    this.draft = value;
    // Typed and not saved yet: the quiet status says "Saving…" until the save has answered.
    if (this.dirty && !this.conflict && this.status !== 'saving') this.setStatus('saving');
    this.schedule();
  }

  private schedule(): void {
    if (this.conflict) return;
    const now = Date.now();
    this.firstUnsavedAt ??= now;
    const wait = Math.max(0, Math.min(this.config.delayMs, this.config.maxWaitMs - (now - this.firstUnsavedAt)));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, wait);
  }

  /** Saves now what is typed; resolves when it is saved (or failed). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(): Promise<void> {
    for (;;) {
      const value = this.draft;
      if (this.conflict || this.norm(value) === this.norm(this.saved)) {
        // Nothing left to save: what is shown is what the service has.
        if (!this.conflict && this.status !== 'idle' && this.status !== 'saved') this.setStatus('saved');
        return;
      }
      this.firstUnsavedAt = null;
      this.sent.push(this.norm(value));
      if (this.sent.length > 50) this.sent.shift();
      this.setStatus('saving');
      try {
        await this.config.send(value);
        this.saved = value;
        this.setStatus('saved');
      } catch (reason) {
        this.setStatus('error', asApiError(reason));
        return;
      }
    }
  }

  /** A new value from the service: the echo of a save of this field, or a change made elsewhere. */
  receive(remote: string): void {
    if (remote === this.remote) return;
    this.remote = remote;
    const incoming = this.norm(remote);
    const index = this.sent.indexOf(incoming);
    if (incoming === this.norm(this.draft)) {
      this.saved = remote;
      if (index >= 0) this.sent.splice(0, index + 1);
      if (this.conflict) {
        this.conflict = null;
        this.setStatus('saved');
      }
      return;
    }
    if (index >= 0) {
      // The echo of an earlier save: newer keystrokes are on their way. Keep them.
      this.sent.splice(0, index + 1);
      return;
    }
    const clean = !this.dirty && this.timer === undefined && this.inFlight === null;
    if (clean && !this.conflict) {
      this.saved = remote;
      this.show(remote);
      this.changed();
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.conflict = { theirs: remote };
    this.setStatus('error');
  }

  /** The field's element, uncontrolled: it is given the text now and whenever one comes from elsewhere. */
  attach(element: HTMLInputElement | HTMLTextAreaElement | null): void {
    this.element = element;
    if (element && element.value !== this.draft) element.value = this.draft;
  }

  /** A text from elsewhere (the service, or "use theirs") into the draft and the element, the caret kept where it was. */
  private show(value: string): void {
    this.draft = value;
    const element = this.element;
    if (!element || element.value === value) return;
    const focused = element.ownerDocument.activeElement === element;
    const start = element.selectionStart ?? 0;
    const end = element.selectionEnd ?? 0;
    element.value = value;
    if (focused) element.setSelectionRange(Math.min(start, value.length), Math.min(end, value.length));
  }

  /** Replaces the other window's text with this one's: the user has seen it and chose to. */
  keepMine(): void {
    this.conflict = null;
    this.saved = this.remote;
    this.changed();
    void this.flush();
  }

  /** Drops what was typed here for the other window's text (saving it again if this window's save came last). */
  useTheirs(): void {
    const theirs = this.conflict?.theirs ?? this.remote;
    this.conflict = null;
    this.show(theirs);
    this.saved = this.remote;
    this.changed();
    void this.flush();
  }

  dispose(): void {
    void this.flush();
  }
}

function withDefaults(config: TextFieldConfig): Required<TextFieldConfig> {
  return {
    send: config.send,
    normalize: config.normalize ?? identity,
    delayMs: config.delayMs ?? AUTOSAVE_DELAY_MS,
    maxWaitMs: config.maxWaitMs ?? AUTOSAVE_MAX_WAIT_MS,
  };
}

export interface ChoiceState<T> {
  value: T;
  status: SaveStatus;
  error: ApiError | null;
}

/**
 * A choice saved at once (a radio, a checkbox). It shows the chosen value until the service's
 * echo confirms it, and takes later changes made elsewhere. Saves are made one at a time, the
 * latest choice last.
 */
export class ChoiceController<T> extends FieldController<ChoiceState<T>> {
  private remote: T;
  private pending: { value: T; acknowledged: boolean } | null = null;
  private running: Promise<void> | null = null;
  private send: (value: T) => Promise<unknown> = () => Promise.resolve();

  constructor(
    remote: T,
    group: string,
    private readonly equals: (a: T, b: T) => boolean,
  ) {
    super(group);
    this.remote = remote;
    this.snapshot = this.makeSnapshot();
  }

  protected makeSnapshot(): ChoiceState<T> {
    return { value: this.pending ? this.pending.value : this.remote, status: this.status, error: this.error };
  }

  configure(send: (value: T) => Promise<unknown>): void {
    this.send = send;
  }

  flush(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  set(value: T): void {
    this.pending = { value, acknowledged: false };
    this.changed();
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
  }

  private async run(): Promise<void> {
    let sent: object | null = null;
    while (this.pending && this.pending !== sent && !this.pending.acknowledged) {
      const current: { value: T; acknowledged: boolean } = this.pending;
      sent = current;
      this.setStatus('saving');
      try {
        await this.send(current.value);
        if (this.pending === current) {
          if (this.equals(this.remote, current.value)) this.pending = null;
          else current.acknowledged = true;
        }
        this.setStatus('saved');
      } catch (reason) {
        if (this.pending === current) this.pending = null;
        this.setStatus('error', asApiError(reason));
        return;
      }
    }
  }

  receive(remote: T): void {
    if (this.equals(remote, this.remote)) return;
    this.remote = remote;
    const pending = this.pending;
    if (pending && (pending.acknowledged || this.equals(remote, pending.value))) this.pending = null;
    this.changed();
  }
}

/** Says plainly why a field was not saved; a text that is too long says by how much. */
export function describeSaveError(error: ApiError, label: string, value?: string): string {
  const pattern = /must be at most (\d+) characters/;
  const tooLong = error.issues?.map((issue) => pattern.exec(issue.message)).find(Boolean) ?? pattern.exec(error.message);
  if (tooLong) {
    const max = Number(tooLong[1]);
    const length = value === undefined ? '' : ` It has ${value.length.toLocaleString('en-US')}.`;
    return `${label} is too long to save: at most ${max.toLocaleString('en-US')} characters.${length} Shorten it and it saves again.`;
  }
  return `${label} is not saved: ${error.message}`;
}

/** Arrays of ids compare by content: the echo is a new array with the same ids. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
