/** What a participant's session is and holds, as the page sees it (participantSession.ts runs it). */
import type { ParticipantView } from '../../../../shared/participantApi';
import type { ImpactDirection } from '../../../../shared/vocabulary';
import { LIMITS } from '../../../../shared/limits';
import type { ParticipantTransport } from '../../api/participantTransport';
import type { SessionStorageLike } from './storedSession';

export type LinkState = 'signed-out' | 'joining' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

/** What a participant may do, with its input (the clientActionId is added when it is queued). */
export type ParticipantAction =
  | { method: 'participant.propose'; input: { itemId: string; text: string; direction: ImpactDirection | null } }
  | { method: 'participant.tag'; input: { decisionId: string; tagId: string; direction?: ImpactDirection } }
  | { method: 'participant.untag'; input: { decisionId: string; tagId: string } }
  | { method: 'participant.vote'; input: { decisionId: string; direction: ImpactDirection } };

export type QueuedAction = ParticipantAction & {
  clientActionId: string;
  /** For "waiting to send" and errors, e.g. "Tag “Pricing”". */ label: string;
};

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

/** The display name's rule, said before anything is sent: null when it is fine. */
export function displayNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Enter the name others will see next to your tags and answers.';
  if (trimmed.length > LIMITS.participantNameMax)
    return `Use at most ${LIMITS.participantNameMax} characters (this one has ${trimmed.length}).`;
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

/** The snapshot before joining: nothing but the actions queued in this tab earlier. */
export function signedOut(pending: QueuedAction[]): SessionSnapshot {
  return { link: 'signed-out', you: null, view: null, pending, refused: [], resumingAs: null, rejoinReason: null, endedReason: null };
}
