/**
 * A participant's session, outside React: joining, the live view, and the queue of actions.
 * Every action gets its clientActionId when it is entered and keeps it until the server has
 * answered it, so an action typed while offline (or whose answer was lost) is sent again after a
 * reconnect and the server applies it once. React reads it through useSyncExternalStore.
 */
import type { ParticipantJoined, ParticipantView } from '../../../../shared/participantApi';
import type { ImpactDirection } from '../../../../shared/vocabulary';
import { LIMITS } from '../../../../shared/limits';
import { UNREACHABLE, type ParticipantTransport } from '../../api/participantTransport';

export type LinkState = 'signed-out' | 'joining' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

/** What a participant may do, with its input (the clientActionId is added when it is queued). */
export type ParticipantAction =
  | { method: 'participant.propose'; input: { itemId: string; text: string; direction: ImpactDirection | null } }
  | { method: 'participant.tag'; input: { decisionId: string; tagId: string; direction?: ImpactDirection } }
  | { method: 'participant.untag'; input: { decisionId: string; tagId: string } }
  | { method: 'participant.vote'; input: { decisionId: string; direction: ImpactDirection } };

export type QueuedAction = ParticipantAction & { clientActionId: string; /** For "waiting to send" and errors, e.g. "Tag “Pricing”". */ label: string };

export interface SessionSnapshot {
  link: LinkState;
  you: { participantId: string; name: string } | null;
  view: ParticipantView | null;
  /** Entered, not yet confirmed by the server, in the order they were entered. */
  pending: readonly QueuedAction[];
  /** The last action the server refused, and why. */
  actionError: string | null;
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
  /** Keeps the session key for a reload of this tab (sessionStorage); tests pass a Map-like or nothing. */
  storage?: SessionStorageLike | null;
  newId?: () => string;
  /** Reconnect backoff: first and longest delay. */
  retryMs?: { first: number; max: number };
}

const STORED_SESSION_KEY = 'empty-chair.participant';

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
  dismissError(): void;
  dispose(): void;
}

export function createParticipantSession(options: ParticipantSessionOptions): ParticipantSession {
  const { transport } = options;
  const storage = options.storage ?? null;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const retry = options.retryMs ?? { first: 250, max: 4_000 };
  const listeners = new Set<() => void>();
  let snapshot: SessionSnapshot = { link: 'signed-out', you: null, view: null, pending: [], actionError: null, endedReason: null };
  let sessionKey: string | null = null;
  let socket: { close(): void } | null = null;
  let retryDelay = retry.first;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let flushing = false;
  let disposed = false;

  const update = (changes: Partial<SessionSnapshot>) => {
    snapshot = { ...snapshot, ...changes };
    for (const listener of [...listeners]) listener();
  };

  /** Views from answers and pushes may cross on the wire: never go back to an older revision. */
  const acceptView = (view: ParticipantView) => {
    const current = snapshot.view;
    if (current && current.meeting.id === view.meeting.id && view.meeting.revision < current.meeting.revision) return;
    update({ view, you: view.you });
  };

  const end = (reason: string) => {
    clearTimeout(retryTimer);
    socket?.close();
    socket = null;
    sessionKey = null;
    storage?.removeItem(STORED_SESSION_KEY);
    update({ link: 'ended', endedReason: reason });
  };

  const connect = () => {
    if (disposed || !sessionKey || snapshot.link === 'ended') return;
    socket = transport.open(sessionKey, {
      onOpen() {
        retryDelay = retry.first;
        update({ link: 'connected' });
        void flush();
      },
      onEvent(event) {
        if (event.event === 'participant.view') acceptView(event.payload);
        else if (event.event === 'sharing.ended') end(event.payload.reason || 'The lead stopped sharing the meeting.');
      },
      onClose() {
        socket = null;
        if (disposed || snapshot.link === 'ended') return;
        update({ link: 'reconnecting' });
        clearTimeout(retryTimer);
        retryTimer = setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, retry.max);
      },
    });
  };

  /** Sends the queue in order, one at a time, while connected; an unreachable server stops it until the next connect. */
  const flush = async () => {
    if (flushing) return;
    flushing = true;
    try {
      while (!disposed && snapshot.link === 'connected' && snapshot.pending.length > 0) {
        const action = snapshot.pending[0]!;
        const result = await transport.call(action.method, { ...action.input, clientActionId: action.clientActionId }, sessionKey);
        if (result === UNREACHABLE) {
          // The socket may not have noticed yet: drop it, and the reconnect sends the queue again.
          if (snapshot.link === 'connected') {
            socket?.close();
            socket = null;
            update({ link: 'reconnecting' });
            retryTimer = setTimeout(connect, retryDelay);
          }
          return;
        }
        update({ pending: snapshot.pending.filter((queued) => queued.clientActionId !== action.clientActionId) });
        if (result.ok) {
          acceptView(result.value as ParticipantView);
        } else if (result.error.code === 'unauthorized') {
          end('This invitation is no longer valid: sharing has ended.');
          return;
        } else {
          update({ actionError: `${action.label} was not accepted: ${result.error.message}` });
        }
      }
    } finally {
      flushing = false;
    }
  };

  const afterJoin = async (joined: ParticipantJoined) => {
    sessionKey = joined.sessionKey;
    storage?.setItem(STORED_SESSION_KEY, JSON.stringify({ sessionKey: joined.sessionKey, name: joined.name }));
    update({ you: { participantId: joined.participantId, name: joined.name }, link: 'connecting' });
    const view = await transport.call('participant.view', {}, sessionKey);
    if (view !== UNREACHABLE && view.ok) acceptView(view.value as ParticipantView);
    connect();
  };

  const sendJoin = async (name: string, previousKey?: string) => {
    update({ link: 'joining' });
    const input = previousKey ? { name, clientActionId: newId(), sessionKey: previousKey } : { name, clientActionId: newId() };
    const result = await transport.call('participant.join', input, null);
    if (result === UNREACHABLE) {
      update({ link: 'signed-out' });
      throw new JoinError('The meeting cannot be reached. Check your network (and that you are on the same one as the lead), then try again.');
    }
    if (!result.ok) {
      if (result.error.code === 'unauthorized') {
        end('This invitation is no longer valid: sharing has ended, or the link is incomplete.');
        throw new JoinError(snapshot.endedReason ?? '');
      }
      update({ link: 'signed-out' });
      throw new JoinError(result.error.message);
    }
    await afterJoin(result.value as ParticipantJoined);
  };

  let resuming: Promise<boolean> | null = null;
  const resumeOnce = async () => {
    const stored = storage?.getItem(STORED_SESSION_KEY);
    if (!stored) return false;
    try {
      const { sessionKey: key, name } = JSON.parse(stored) as { sessionKey: string; name: string };
      await sendJoin(name, key);
      return true;
    } catch {
      if (snapshot.link !== 'ended') update({ link: 'signed-out' });
      return false;
    }
  };

  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async join(name) {
      const problem = displayNameProblem(name);
      if (problem) throw new JoinError(problem);
      await sendJoin(name.trim());
    },
    resume() {
      // Once per session: a second mount (React's StrictMode) must not join twice.
      resuming ??= resumeOnce();
      return resuming;
    },
    act(action, label) {
      if (snapshot.link === 'ended' || snapshot.link === 'signed-out') return;
      const queued = { ...action, clientActionId: newId(), label } as QueuedAction;
      update({ pending: [...snapshot.pending, queued], actionError: null });
      void flush();
    },
    dismissError: () => update({ actionError: null }),
    dispose() {
      disposed = true;
      clearTimeout(retryTimer);
      socket?.close();
      socket = null;
    },
  };
}
