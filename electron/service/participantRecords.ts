/**
 * The participant hub's records (participants, shares, callers) and the small rules on them, apart
 * from the hub itself (participants.ts) so each file reads in one pass.
 */
import { createHash } from 'node:crypto';
import type { ApiEvent } from '../../shared/api';
import type { Library, Meeting } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { ParticipantMethodParams } from '../../shared/participantApi';
import type { ParticipantPresence, RemovedParticipant } from '../../shared/sharing';
import { addTag, removeOwnTag } from '../../shared/tags';
import type * as chair from './chair';
import { findDecision } from './chair';

/** What the hub needs of the service; closures over its private parts, so nothing else is exposed. */
export interface ParticipantHost {
  /** The whole meeting, ballots included. */
  meeting(id: string): Meeting;
  library(): Library;
  /** The service's mutate path (copy, change, validate, save, publish) with `actor` as `by`. */
  mutate(meetingId: string, actor: string, change: (draft: Meeting, context: chair.ChangeContext) => void): Meeting;
  publish(event: ApiEvent): void;
  subscribe(listener: (event: ApiEvent) => void): () => void;
  now(): Date;
  newId(): string;
}

export interface Participant {
  id: string;
  name: string;
  /** The name as sent in the join (before "(2)"): a resent join must carry the same one. */
  requestedName: string;
  sessionKey: string;
  joinedAt: string;
  lastSeenAt: string;
  sockets: number;
  /** The addresses they called from (a few): a removal shuts these out of this share. */
  addresses: Set<string>;
  /** Outcomes of this participant's writes by clientActionId, so a resend is applied once. */
  actions: Map<string, Result<null>>;
}

export interface Share {
  id: string;
  meetingId: string;
  token: string;
  state: 'starting' | 'on';
  host: string;
  port: number | null;
  joinUrl: string | null;
  qrSvg: string | null;
  startedAt: string;
  participants: Map<string, Participant>;
  /**
   * Participants by sha256(sessionKey): a Map lookup compares keys byte by byte, so keying it by the
   * secret itself would let response timing reveal how much of a guess was right.
   */
  bySession: Map<string, Participant>;
  /** Joins by clientActionId: a resent join gets the same identity, not "Ana (2)" (only for the same name, see join). */
  joins: Map<string, Participant>;
  /** Participants the lead removed, by id, with the addresses they used: no join from those until the lead allows it. */
  removed: Map<string, RemovedParticipant & { addresses: Set<string> }>;
}

/** Who is calling: their session key (absent before joining) and the address the call came from. */
export interface ParticipantCaller {
  session: string | null | undefined;
  /** The remote address; '' when unknown (an in-process caller). */
  address: string;
}

/** What a participant handler is given besides its params. */
export interface CallContext {
  share: Share;
  caller: ParticipantCaller;
}

/** A participant keeps at most this many addresses on record (a phone roaming between networks). */
export const ADDRESSES_KEPT = 8;

/** The lookup key of a session: its digest, never the secret itself (see Share.bySession). */
export function sessionDigest(sessionKey: string): string {
  return createHash('sha256').update(sessionKey).digest('base64url');
}

export function presence(participant: Participant): ParticipantPresence {
  return {
    id: participant.id,
    name: participant.name,
    connected: participant.sockets > 0,
    joinedAt: participant.joinedAt,
    lastSeenAt: participant.lastSeenAt,
  };
}

export function noteAddress(participant: Participant, address: string): void {
  if (!address || participant.addresses.has(address) || participant.addresses.size >= ADDRESSES_KEPT) return;
  participant.addresses.add(address);
}

/** One entry per person and tag: tagging again only updates the direction they gave (shared/tags.ts). */
export function tag(meeting: Meeting, params: ParticipantMethodParams<'participant.tag'>, context: chair.ChangeContext): void {
  addTag(findDecision(meeting, params.decisionId).decision, params.tagId, context, params.direction);
}

/** Only the participant's own entry goes; someone else's tag is refused, never touched. */
export function untag(meeting: Meeting, params: ParticipantMethodParams<'participant.untag'>, context: chair.ChangeContext): void {
  removeOwnTag(findDecision(meeting, params.decisionId).decision, params.tagId, context);
}
