/**
 * A participant's session, outside React: joining, the live view, and the queue of actions.
 * Every action gets its clientActionId when it is entered and keeps it until the server has
 * answered it, so an action typed while offline (or whose answer was lost) is sent again after a
 * reconnect and the server applies it once. React reads it through useSyncExternalStore.
 */
import type { ParticipantJoined, ParticipantView } from '../../../../shared/participantApi';
import { CLOSE_CODES, UNREACHABLE, type ParticipantTransport } from '../../api/participantTransport';
import {
  displayNameProblem,
  JoinError,
  signedOut,
  type ParticipantAction,
  type ParticipantSession,
  type ParticipantSessionOptions,
  type QueuedAction,
  type SessionSnapshot,
} from './sessionTypes';
import {
  memoryStorage,
  readJson,
  STORED_JOIN_KEY,
  STORED_QUEUE_KEY,
  STORED_SESSION_KEY,
  writeJson,
  type SessionStorageLike,
} from './storedSession';

export { displayNameProblem, JoinError } from './sessionTypes';
export type {
  LinkState,
  ParticipantAction,
  ParticipantSession,
  ParticipantSessionOptions,
  QueuedAction,
  RefusedAction,
  SessionSnapshot,
} from './sessionTypes';
export type { SessionStorageLike } from './storedSession';

/** Answers that mean "not now" rather than "no": the action stays queued. */
const isLater = (code: string) => code === 'rate_limited';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createParticipantSession(options: ParticipantSessionOptions): ParticipantSession {
  return new LiveSession(options);
}

class LiveSession implements ParticipantSession {
  private readonly transport: ParticipantTransport;
  private readonly storage: SessionStorageLike;
  private readonly newId: () => string;
  private readonly retry: { first: number; max: number };
  private readonly probeAfterFailures: number;
  private readonly isOnline: () => boolean;
  private readonly pace: { burst: number; gapMs: number };
  private readonly listeners = new Set<() => void>();
  private snapshot: SessionSnapshot;
  private sessionKey: string | null = null;
  private socket: { close(): void } | null = null;
  private retryDelay: number;
  private rateDelay: number;
  private failedConnects = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing = false;
  private disposed = false;
  private resuming: Promise<boolean> | null = null;

  constructor(options: ParticipantSessionOptions) {
    this.transport = options.transport;
    // Without a tab storage (tests, storage blocked) the same things are kept for this page only.
    this.storage = options.storage ?? memoryStorage();
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.retry = options.retryMs ?? { first: 250, max: 4_000 };
    this.probeAfterFailures = options.probeAfterFailures ?? 3;
    this.isOnline = options.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
    this.pace = options.pace ?? { burst: 10, gapMs: 150 };
    this.retryDelay = this.retry.first;
    this.rateDelay = this.retry.first;
    const storedQueue = readJson<QueuedAction[]>(this.storage, STORED_QUEUE_KEY);
    this.snapshot = signedOut(Array.isArray(storedQueue) ? storedQueue : []);
  }

  // The page's side: the snapshot, joining, acting.

  get = (): SessionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async join(name: string): Promise<void> {
    const problem = displayNameProblem(name);
    if (problem) throw new JoinError(problem);
    this.update({ link: 'joining' });
    let outcome: 'joined' | 'unreachable';
    try {
      outcome = await this.sendJoin(name.trim());
    } catch (error) {
      if (this.snapshot.link !== 'ended') this.update({ link: 'signed-out' });
      throw error;
    }
    if (outcome === 'unreachable') {
      this.update({ link: 'signed-out' });
      throw new JoinError(
        'The meeting cannot be reached. Check your network (and that you are on the same one as the lead), then try again.',
      );
    }
  }

  resume(): Promise<boolean> {
    // Once per session: a second mount (React's StrictMode) must not join twice.
    this.resuming ??= this.resumeOnce();
    return this.resuming;
  }

  act(action: ParticipantAction, label: string): void {
    if (this.snapshot.link === 'ended' || this.snapshot.link === 'signed-out') return;
    const queued = { ...action, clientActionId: this.newId(), label } as QueuedAction;
    this.update({ pending: [...this.snapshot.pending, queued] });
    void this.flush();
  }

  dismissRefusal(clientActionId: string): void {
    this.update({ refused: this.snapshot.refused.filter((entry) => entry.action.clientActionId !== clientActionId) });
  }

  dispose(): void {
    this.disposed = true;
    this.stopLink();
  }

  // State.

  private update(changes: Partial<SessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    // The queue outlives a reload of this tab: what was waiting is sent after it.
    if ('pending' in changes) writeJson(this.storage, STORED_QUEUE_KEY, this.snapshot.pending.length > 0 ? this.snapshot.pending : null);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Views from answers and pushes may cross on the wire: never go back to an older revision. */
  private acceptView(view: ParticipantView): void {
    const current = this.snapshot.view;
    if (current && current.meeting.id === view.meeting.id && view.meeting.revision < current.meeting.revision) return;
    this.update({ view, you: view.you });
  }

  private isEnded(): boolean {
    return this.snapshot.link === 'ended';
  }

  private stopLink(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.flushTimer);
    this.socket?.close();
    this.socket = null;
  }

  /** Sharing is over: what was still queued stays listed as not sent (the Ended screen shows it). */
  private end(reason: string): void {
    this.stopLink();
    this.sessionKey = null;
    writeJson(this.storage, STORED_SESSION_KEY, null);
    writeJson(this.storage, STORED_JOIN_KEY, null);
    writeJson(this.storage, STORED_QUEUE_KEY, null);
    this.snapshot = { ...this.snapshot, link: 'ended', endedReason: reason, resumingAs: null };
    this.notify();
  }

  /** The link works but the meeting no longer knows this session (the lead removed it, say): join again, by choice. */
  private needRejoin(): void {
    this.stopLink();
    this.sessionKey = null;
    writeJson(this.storage, STORED_SESSION_KEY, null);
    this.update({
      link: 'signed-out',
      you: null,
      resumingAs: null,
      rejoinReason:
        'The meeting no longer knows you (your place in it ended). Join again to continue; anything still waiting is sent after.',
    });
  }

  // The live link.

  private scheduleReconnect(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(this.connect, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, this.retry.max);
  }

  /**
   * A browser cannot see why a socket failed (401, refused, offline), so it asks over HTTP:
   * the view answers → a passing problem, reconnect; `unauthorized` → the session or the link is
   * dead (a second, side-effect-free probe tells which); unreachable while the device is online →
   * the participant server is gone, i.e. sharing has ended.
   */
  private async probe(): Promise<void> {
    if (this.disposed || !this.sessionKey) return;
    const answer = await this.transport.call('participant.view', {}, this.sessionKey);
    if (this.disposed || this.snapshot.link === 'ended' || !this.sessionKey) return;
    if (answer === UNREACHABLE) {
      if (this.isOnline()) return this.end('The meeting cannot be reached any more: the lead has most likely stopped sharing.');
      return this.scheduleReconnect();
    }
    if (answer.ok) {
      this.failedConnects = 0;
      this.acceptView(answer.value as ParticipantView);
      return this.scheduleReconnect();
    }
    if (answer.error.code !== 'unauthorized') return this.scheduleReconnect();
    // A join with no input can change nothing: the token check comes first, then the input is refused.
    const tokenCheck = await this.transport.call('participant.join', {}, null);
    if (this.disposed || this.isEnded()) return;
    if (tokenCheck === UNREACHABLE)
      return this.isOnline()
        ? this.end('The meeting cannot be reached any more: the lead has most likely stopped sharing.')
        : this.scheduleReconnect();
    if (!tokenCheck.ok && tokenCheck.error.code === 'unauthorized')
      return this.end('This invitation is no longer valid: sharing has ended.');
    if (!tokenCheck.ok && isLater(tokenCheck.error.code)) return this.scheduleReconnect();
    this.needRejoin();
  }

  private connect = (): void => {
    if (this.disposed || !this.sessionKey || this.snapshot.link === 'ended') return;
    this.socket = this.transport.open(this.sessionKey, {
      onOpen: () => {
        this.retryDelay = this.retry.first;
        this.failedConnects = 0;
        this.update({ link: 'connected' });
        void this.flush();
      },
      onEvent: (event) => {
        if (event.event === 'participant.view') this.acceptView(event.payload);
        else if (event.event === 'sharing.ended') this.end(event.payload.reason || 'The lead stopped sharing the meeting.');
      },
      onClose: (code) => this.linkClosed(code),
    });
  };

  private linkClosed(code: number): void {
    this.socket = null;
    if (this.disposed || this.snapshot.link === 'ended') return;
    if (code === CLOSE_CODES.sharingEnded) return this.end('The lead stopped sharing the meeting.');
    this.update({ link: 'reconnecting' });
    this.failedConnects += 1;
    if (code === CLOSE_CODES.unauthorized || this.failedConnects >= this.probeAfterFailures) {
      this.failedConnects = 0;
      void this.probe();
      return;
    }
    this.scheduleReconnect();
  }

  // The queue.

  /**
   * Sends the queue in order, one at a time, while connected. Unreachable: stop until the next
   * connect. Rate limited: nothing was applied, so the action stays first in line and the flush
   * resumes after the server's Retry-After (or a growing backoff). Only a definitive refusal
   * takes an action out of the queue, and it is kept in `refused` to be shown where it was entered.
   */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    let sent = 0;
    try {
      while (!this.disposed && this.snapshot.link === 'connected' && this.snapshot.pending.length > 0) {
        if (sent >= this.pace.burst) await wait(this.pace.gapMs);
        if (this.disposed || this.snapshot.link !== 'connected' || this.snapshot.pending.length === 0) return;
        sent += 1;
        if (!(await this.sendFirst())) return;
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Sends the first queued action; false when the flush has to stop (unreachable, rate limited, unauthorized). */
  private async sendFirst(): Promise<boolean> {
    const action = this.snapshot.pending[0]!;
    const result = await this.transport.call(action.method, { ...action.input, clientActionId: action.clientActionId }, this.sessionKey);
    if (result === UNREACHABLE) {
      // The socket may not have noticed yet: drop it, and the reconnect sends the queue again.
      if (this.snapshot.link === 'connected') {
        this.socket?.close();
        this.socket = null;
        this.update({ link: 'reconnecting' });
        this.scheduleReconnect();
      }
      return false;
    }
    if (!result.ok && isLater(result.error.code)) {
      clearTimeout(this.flushTimer);
      this.flushTimer = setTimeout(() => void this.flush(), result.retryAfterMs ?? this.rateDelay);
      this.rateDelay = Math.min(this.rateDelay * 2, this.retry.max);
      return false;
    }
    this.rateDelay = this.retry.first;
    if (!result.ok && result.error.code === 'unauthorized') {
      // The session or the link died under us: the probe says which; the action stays queued meanwhile.
      this.update({ link: 'reconnecting' });
      this.stopLink();
      void this.probe();
      return false;
    }
    const pending = this.snapshot.pending.filter((queued) => queued.clientActionId !== action.clientActionId);
    if (result.ok) {
      this.update({ pending });
      this.acceptView(result.value as ParticipantView);
    } else {
      this.update({ pending, refused: [...this.snapshot.refused, { action, message: result.error.message }] });
    }
    return true;
  }

  // Joining.

  private async afterJoin(joined: ParticipantJoined): Promise<void> {
    this.sessionKey = joined.sessionKey;
    writeJson(this.storage, STORED_SESSION_KEY, { sessionKey: joined.sessionKey, name: joined.name });
    writeJson(this.storage, STORED_JOIN_KEY, null);
    this.update({
      you: { participantId: joined.participantId, name: joined.name },
      link: 'connecting',
      resumingAs: null,
      rejoinReason: null,
    });
    const view = await this.transport.call('participant.view', {}, this.sessionKey);
    if (view !== UNREACHABLE && view.ok) this.acceptView(view.value as ParticipantView);
    this.connect();
  }

  /**
   * One join attempt. Its clientActionId is kept (in storage too) until the server has answered,
   * so a join whose answer was lost, sent again, is the same join and not "Ana (2)".
   * Returns 'unreachable' instead of throwing when the meeting could not be reached.
   */
  private async sendJoin(name: string, previousKey?: string): Promise<'joined' | 'unreachable'> {
    const stored = readJson<{ name: string; clientActionId: string; sessionKey?: string }>(this.storage, STORED_JOIN_KEY);
    const attempt =
      stored && stored.name === name && stored.sessionKey === previousKey
        ? stored
        : { name, clientActionId: this.newId(), ...(previousKey ? { sessionKey: previousKey } : {}) };
    writeJson(this.storage, STORED_JOIN_KEY, attempt);
    const input = previousKey
      ? { name, clientActionId: attempt.clientActionId, sessionKey: previousKey }
      : { name, clientActionId: attempt.clientActionId };
    const result = await this.transport.call('participant.join', input, null);
    if (result === UNREACHABLE) return 'unreachable';
    if (!result.ok) {
      if (isLater(result.error.code)) return 'unreachable';
      writeJson(this.storage, STORED_JOIN_KEY, null);
      if (result.error.code === 'unauthorized') {
        this.end('This invitation is no longer valid: sharing has ended, or the link is incomplete.');
        throw new JoinError(this.snapshot.endedReason ?? '');
      }
      throw new JoinError(result.error.message);
    }
    await this.afterJoin(result.value as ParticipantJoined);
    return 'joined';
  }

  /** Takes a reload's session (or unanswered join) back up; offline, it keeps trying with the same key rather than becoming someone new. */
  private async resumeOnce(): Promise<boolean> {
    const session = readJson<{ sessionKey: string; name: string }>(this.storage, STORED_SESSION_KEY);
    const join = readJson<{ name: string; sessionKey?: string }>(this.storage, STORED_JOIN_KEY);
    const name = session?.name ?? join?.name;
    if (!name) return false;
    const key = session?.sessionKey ?? join?.sessionKey;
    this.update({ link: 'joining', resumingAs: name });
    let delay = this.retry.first;
    for (;;) {
      try {
        if ((await this.sendJoin(name, key)) === 'joined') return true;
      } catch {
        if (this.snapshot.link !== 'ended') this.update({ link: 'signed-out', resumingAs: null });
        return false;
      }
      if (this.disposed) return false;
      this.update({ link: 'reconnecting' });
      await wait(delay);
      delay = Math.min(delay * 2, this.retry.max);
      if (this.disposed) return false;
    }
  }
}
