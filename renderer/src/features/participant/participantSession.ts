/**
 * A participant's session, outside React: joining, the live view, and the queue of actions.
 * Every action gets its clientActionId when it is entered and keeps it until the server has
 * answered it, so an action typed while offline (or whose answer was lost) is sent again after a
 * reconnect and the server applies it once. React reads it through useSyncExternalStore.
 */
import type { ParticipantJoined, ParticipantView } from '../../../../shared/participantApi';
import type { ImpactDirection } from '../../../../shared/vocabulary';
import { LIMITS } from '../../../../shared/limits';
import { CLOSE_CODES, UNREACHABLE, type ParticipantTransport } from '../../api/participantTransport';

export type LinkState = 'signed-out' | 'joining' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

/** What a participant may do, with its input (the clientActionId is added when it is queued). */
export type ParticipantAction =
  | { method: 'participant.propose'; input: { itemId: string; text: string; direction: ImpactDirection | null } }
  | { method: 'participant.tag'; input: { decisionId: string; tagId: string; direction?: ImpactDirection } }
  | { method: 'participant.untag'; input: { decisionId: string; tagId: string } }
  | { method: 'participant.vote'; input: { decisionId: string; direction: ImpactDirection } };

export type QueuedAction = ParticipantAction & { clientActionId: string; /** For "waiting to send" and errors, e.g. "Tag “Pricing”". */ label: string };

/** An action the server refused for good (not "later"): shown next to where it was entered. */
export interface RefusedAction {
  action: QueuedAction;
  message: string;
}

export interface SessionSnapshot {
  link: LinkState;
  you: { participantId: string; name: string } | null;
  view: ParticipantView | null;
  /** Entered, not yet confirmed by the server, in the order they were entered (kept in this tab's storage). */
  pending: readonly QueuedAction[];
  /** Actions the server refused for good, with why, until the participant dismisses them. */
  refused: readonly RefusedAction[];
  /** Set while a reload's session is being taken back up (the network may be down): who we are joining as. */
  resumingAs: string | null;
  /** Why the participant has to join again (their session is unknown to the meeting; the link still works). */
  rejoinReason: string | null;
  /** Why sharing ended, once it has. */
  endedReason: string | null;
}

export interface SessionStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ParticipantSessionOptions {
  transport: ParticipantTransport;
  /** Keeps the session key, the queue and an unanswered join for a reload of this tab (sessionStorage); tests pass a Map-like or nothing. */
  storage?: SessionStorageLike | null;
  newId?: () => string;
  /** Reconnect (and rate-limit) backoff: first and longest delay. */
  retryMs?: { first: number; max: number };
  /** Failed socket connects in a row before asking the server over HTTP whether the session still exists. */
  probeAfterFailures?: number;
  /** Whether the device has a network at all (navigator.onLine): an unreachable meeting while online means it is gone. */
  isOnline?: () => boolean;
  /** A long queue is sent `burst` at once, then one every `gapMs`, to stay under the server's rate limit. */
  pace?: { burst: number; gapMs: number };
}

const STORED_SESSION_KEY = 'empty-chair.participant';
const STORED_QUEUE_KEY = 'empty-chair.participant.pending';
const STORED_JOIN_KEY = 'empty-chair.participant.join';

/** Answers that mean "not now" rather than "no": the action stays queued. */
const isLater = (code: string) => code === 'rate_limited';

/** The display name's rule, said before anything is sent: null when it is fine. */
export function displayNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Enter the name others will see next to your tags and answers.';
  if (trimmed.length > LIMITS.participantNameMax) return `Use at most ${LIMITS.participantNameMax} characters (this one has ${trimmed.length}).`;
  return null;
}

export class JoinError extends Error {}

export interface ParticipantSession {
  get(): SessionSnapshot;
  subscribe(listener: () => void): () => void;
  /** Joins under a display name; throws JoinError with a message to show. */
  join(name: string): Promise<void>;
  /** Joins again with the session kept for this tab (a reload), if there is one. */
  resume(): Promise<boolean>;
  /** Queues an action and sends it now if connected. */
  act(action: ParticipantAction, label: string): void;
  /** Forgets a refused action once its message was read. */
  dismissRefusal(clientActionId: string): void;
  dispose(): void;
}


function memoryStorage(): SessionStorageLike {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value), removeItem: (key) => void values.delete(key) };
}

function readJson<T>(storage: SessionStorageLike, key: string): T | null {
  try {
    const text = storage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function writeJson(storage: SessionStorageLike, key: string, value: unknown): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the queue still lives in memory for this page.
  }
}

export function createParticipantSession(options: ParticipantSessionOptions): ParticipantSession {
  const { transport } = options;
  // Without a tab storage (tests, storage blocked) the same things are kept for this page only.
  const storage = options.storage ?? memoryStorage();
  const newId = options.newId ?? (() => crypto.randomUUID());
  const retry = options.retryMs ?? { first: 250, max: 4_000 };
  const probeAfterFailures = options.probeAfterFailures ?? 3;
  const isOnline = options.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
  const pace = options.pace ?? { burst: 10, gapMs: 150 };
  const listeners = new Set<() => void>();
  const storedQueue = readJson<QueuedAction[]>(storage, STORED_QUEUE_KEY);
  let snapshot: SessionSnapshot = {
    link: 'signed-out',
    you: null,
    view: null,
    pending: Array.isArray(storedQueue) ? storedQueue : [],
    refused: [],
    resumingAs: null,
    rejoinReason: null,
    endedReason: null,
  };
  let sessionKey: string | null = null;
  let socket: { close(): void } | null = null;
  let retryDelay = retry.first;
  let rateDelay = retry.first;
  let failedConnects = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let flushing = false;
  let disposed = false;

  const update = (changes: Partial<SessionSnapshot>) => {
    snapshot = { ...snapshot, ...changes };
    // The queue outlives a reload of this tab: what was waiting is sent after it.
    if ('pending' in changes) writeJson(storage, STORED_QUEUE_KEY, snapshot.pending.length > 0 ? snapshot.pending : null);
    for (const listener of [...listeners]) listener();
  };

  /** Views from answers and pushes may cross on the wire: never go back to an older revision. */
  const acceptView = (view: ParticipantView) => {
    const current = snapshot.view;
    if (current && current.meeting.id === view.meeting.id && view.meeting.revision < current.meeting.revision) return;
    update({ view, you: view.you });
  };

  const isEnded = () => snapshot.link === 'ended';

  const stopLink = () => {
    clearTimeout(retryTimer);
    clearTimeout(flushTimer);
    socket?.close();
    socket = null;
  };

  /** Sharing is over: what was still queued stays listed as not sent (the Ended screen shows it). */
  const end = (reason: string) => {
    stopLink();
    sessionKey = null;
    writeJson(storage, STORED_SESSION_KEY, null);
    writeJson(storage, STORED_JOIN_KEY, null);
    writeJson(storage, STORED_QUEUE_KEY, null);
    snapshot = { ...snapshot, link: 'ended', endedReason: reason, resumingAs: null };
    for (const listener of [...listeners]) listener();
  };

  /** The link works but the meeting no longer knows this session (the lead removed it, say): join again, by choice. */
  const needRejoin = () => {
    stopLink();
    sessionKey = null;
    writeJson(storage, STORED_SESSION_KEY, null);
    update({
      link: 'signed-out',
      you: null,
      resumingAs: null,
      rejoinReason: 'The meeting no longer knows you (your place in it ended). Join again to continue; anything still waiting is sent after.',
    });
  };

  const scheduleReconnect = () => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, retry.max);
  };

  /**
   * A browser cannot see why a socket failed (401, refused, offline), so it asks over HTTP:
   * the view answers → a passing problem, reconnect; `unauthorized` → the session or the link is
   * dead (a second, side-effect-free probe tells which); unreachable while the device is online →
   * the participant server is gone, i.e. sharing has ended.
   */
  const probe = async () => {
    if (disposed || !sessionKey) return;
    const answer = await transport.call('participant.view', {}, sessionKey);
    if (disposed || snapshot.link === 'ended' || !sessionKey) return;
    if (answer === UNREACHABLE) {
      if (isOnline()) return end('The meeting cannot be reached any more: the lead has most likely stopped sharing.');
      return scheduleReconnect();
    }
    if (answer.ok) {
      failedConnects = 0;
      acceptView(answer.value as ParticipantView);
      return scheduleReconnect();
    }
    if (answer.error.code !== 'unauthorized') return scheduleReconnect();
    // A join with no input can change nothing: the token check comes first, then the input is refused.
    const tokenCheck = await transport.call('participant.join', {}, null);
    if (disposed || isEnded()) return;
    if (tokenCheck === UNREACHABLE) return isOnline() ? end('The meeting cannot be reached any more: the lead has most likely stopped sharing.') : scheduleReconnect();
    if (!tokenCheck.ok && tokenCheck.error.code === 'unauthorized') return end('This invitation is no longer valid: sharing has ended.');
    if (!tokenCheck.ok && isLater(tokenCheck.error.code)) return scheduleReconnect();
    needRejoin();
  };

  const connect = () => {
    if (disposed || !sessionKey || snapshot.link === 'ended') return;
    socket = transport.open(sessionKey, {
      onOpen() {
        retryDelay = retry.first;
        failedConnects = 0;
        update({ link: 'connected' });
        void flush();
      },
      onEvent(event) {
        if (event.event === 'participant.view') acceptView(event.payload);
        else if (event.event === 'sharing.ended') end(event.payload.reason || 'The lead stopped sharing the meeting.');
      },
      onClose(code) {
        socket = null;
        if (disposed || snapshot.link === 'ended') return;
        if (code === CLOSE_CODES.sharingEnded) return end('The lead stopped sharing the meeting.');
        update({ link: 'reconnecting' });
        failedConnects += 1;
        if (code === CLOSE_CODES.unauthorized || failedConnects >= probeAfterFailures) {
          failedConnects = 0;
          void probe();
          return;
        }
        scheduleReconnect();
      },
    });
  };

  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  /**
   * Sends the queue in order, one at a time, while connected. Unreachable: stop until the next
   * connect. Rate limited: nothing was applied, so the action stays first in line and the flush
   * resumes after the server's Retry-After (or a growing backoff). Only a definitive refusal
   * takes an action out of the queue, and it is kept in `refused` to be shown where it was entered.
   */
  const flush = async () => {
    if (flushing) return;
    flushing = true;
    let sent = 0;
    try {
      while (!disposed && snapshot.link === 'connected' && snapshot.pending.length > 0) {
        if (sent >= pace.burst) await wait(pace.gapMs);
        if (disposed || snapshot.link !== 'connected' || snapshot.pending.length === 0) return;
        const action = snapshot.pending[0]!;
        sent += 1;
        const result = await transport.call(action.method, { ...action.input, clientActionId: action.clientActionId }, sessionKey);
        if (result === UNREACHABLE) {
          // The socket may not have noticed yet: drop it, and the reconnect sends the queue again.
          if (snapshot.link === 'connected') {
            socket?.close();
            socket = null;
            update({ link: 'reconnecting' });
            scheduleReconnect();
          }
          return;
        }
        if (!result.ok && isLater(result.error.code)) {
          clearTimeout(flushTimer);
          flushTimer = setTimeout(() => void flush(), result.retryAfterMs ?? rateDelay);
          rateDelay = Math.min(rateDelay * 2, retry.max);
          return;
        }
        rateDelay = retry.first;
        if (!result.ok && result.error.code === 'unauthorized') {
          // The session or the link died under us: the probe says which; the action stays queued meanwhile.
          update({ link: 'reconnecting' });
          stopLink();
          void probe();
          return;
        }
        const pending = snapshot.pending.filter((queued) => queued.clientActionId !== action.clientActionId);
        if (result.ok) {
          update({ pending });
          acceptView(result.value as ParticipantView);
        } else {
          update({ pending, refused: [...snapshot.refused, { action, message: result.error.message }] });
        }
      }
    } finally {
      flushing = false;
    }
  };

  const afterJoin = async (joined: ParticipantJoined) => {
    sessionKey = joined.sessionKey;
    writeJson(storage, STORED_SESSION_KEY, { sessionKey: joined.sessionKey, name: joined.name });
    writeJson(storage, STORED_JOIN_KEY, null);
    update({ you: { participantId: joined.participantId, name: joined.name }, link: 'connecting', resumingAs: null, rejoinReason: null });
    const view = await transport.call('participant.view', {}, sessionKey);
    if (view !== UNREACHABLE && view.ok) acceptView(view.value as ParticipantView);
    connect();
  };

  /**
   * One join attempt. Its clientActionId is kept (in storage too) until the server has answered,
   * so a join whose answer was lost, sent again, is the same join and not "Ana (2)".
   * Returns 'unreachable' instead of throwing when the meeting could not be reached.
   */
  const sendJoin = async (name: string, previousKey?: string): Promise<'joined' | 'unreachable'> => {
    const stored = readJson<{ name: string; clientActionId: string; sessionKey?: string }>(storage, STORED_JOIN_KEY);
    const attempt = stored && stored.name === name && stored.sessionKey === previousKey ? stored : { name, clientActionId: newId(), ...(previousKey ? { sessionKey: previousKey } : {}) };
    writeJson(storage, STORED_JOIN_KEY, attempt);
    const input = previousKey ? { name, clientActionId: attempt.clientActionId, sessionKey: previousKey } : { name, clientActionId: attempt.clientActionId };
    const result = await transport.call('participant.join', input, null);
    if (result === UNREACHABLE) return 'unreachable';
    if (!result.ok) {
      if (isLater(result.error.code)) return 'unreachable';
      writeJson(storage, STORED_JOIN_KEY, null);
      if (result.error.code === 'unauthorized') {
        end('This invitation is no longer valid: sharing has ended, or the link is incomplete.');
        throw new JoinError(snapshot.endedReason ?? '');
      }
      throw new JoinError(result.error.message);
    }
    await afterJoin(result.value as ParticipantJoined);
    return 'joined';
  };

  /** Takes a reload's session (or unanswered join) back up; offline, it keeps trying with the same key rather than becoming someone new. */
  const resumeOnce = async (): Promise<boolean> => {
    const session = readJson<{ sessionKey: string; name: string }>(storage, STORED_SESSION_KEY);
    const join = readJson<{ name: string; sessionKey?: string }>(storage, STORED_JOIN_KEY);
    const name = session?.name ?? join?.name;
    if (!name) return false;
    const key = session?.sessionKey ?? join?.sessionKey;
    update({ link: 'joining', resumingAs: name });
    let delay = retry.first;
    for (;;) {
      try {
        if ((await sendJoin(name, key)) === 'joined') return true;
      } catch {
        if (snapshot.link !== 'ended') update({ link: 'signed-out', resumingAs: null });
        return false;
      }
      if (disposed) return false;
      update({ link: 'reconnecting' });
      await wait(delay);
      delay = Math.min(delay * 2, retry.max);
      if (disposed) return false;
    }
  };

  let resuming: Promise<boolean> | null = null;

  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async join(name) {
      const problem = displayNameProblem(name);
      if (problem) throw new JoinError(problem);
      update({ link: 'joining' });
      let outcome: 'joined' | 'unreachable';
      try {
        outcome = await sendJoin(name.trim());
      } catch (error) {
        if (snapshot.link !== 'ended') update({ link: 'signed-out' });
        throw error;
      }
      if (outcome === 'unreachable') {
        update({ link: 'signed-out' });
        throw new JoinError('The meeting cannot be reached. Check your network (and that you are on the same one as the lead), then try again.');
      }
    },
    resume() {
      // Once per session: a second mount (React's StrictMode) must not join twice.
      resuming ??= resumeOnce();
      return resuming;
    },
    act(action, label) {
      if (snapshot.link === 'ended' || snapshot.link === 'signed-out') return;
      const queued = { ...action, clientActionId: newId(), label } as QueuedAction;
      update({ pending: [...snapshot.pending, queued] });
      void flush();
    },
    dismissRefusal: (clientActionId) => update({ refused: snapshot.refused.filter((entry) => entry.action.clientActionId !== clientActionId) }),
    dispose() {
      disposed = true;
      stopLink();
    },
  };
}
