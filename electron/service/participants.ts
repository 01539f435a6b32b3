/**
 * Participants of a shared meeting (issue #5), without any network: who joined, their sessions,
 * presence, and their calls, applied through the service's own mutate/validate/persist path with
 * their unique display name as `by`. The participant server (electron/server/participantServer.ts)
 * is the network adapter; it only authenticates requests and hands them to `call`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiEvent } from '../../shared/api';
import type { Library, Meeting } from '../../shared/domain';
import { ApiError, type Result } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import {
  isParticipantMethodName,
  participantApi,
  type ParticipantJoined,
  type ParticipantMethodParams,
  type ParticipantView,
} from '../../shared/participantApi';
import { buildParticipantView } from '../../shared/participantView';
import { addTag, removeOwnTag } from '../../shared/tags';
import type { NetworkAddress, ParticipantPresence, SharingStatus } from '../../shared/sharing';
import { describeIssues } from '../../shared/validate';
import { hideBallots } from '../../shared/votes';
import * as chair from './chair';
import { toErrorData } from './dispatch';
import { bareHost, listNetworkAddresses } from './networkAddresses';
import * as votes from './votes';

/** What the network side must offer: listen for one shared meeting, and stop. */
export interface SharingAdapter {
  /** Binds the participant server for one share; resolves once it listens, rejects if it cannot. */
  start(options: ShareStartOptions): Promise<{ port: number; joinUrl: string; qrSvg: string }>;
  /** Closes that share's server and every socket at once; safe to call for a share still binding. */
  stop(shareId: string): void;
  /** Closes one participant's sockets (they were removed); their session is already gone from the hub. */
  disconnect?(shareId: string, participantId: string): void;
}

export interface ShareStartOptions {
  shareId: string;
  meetingId: string;
  host: string;
  port: number;
  /** The per-meeting secret every participant request must carry (256 bits, base64url). */
  token: string;
  hub: ParticipantHub;
}

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

interface Participant {
  id: string;
  name: string;
  /** The name as sent in the join (before "(2)"): a resent join must carry the same one. */
  requestedName: string;
  sessionKey: string;
  joinedAt: string;
  lastSeenAt: string;
  sockets: number;
  /** Outcomes of this participant's writes by clientActionId, so a resend is applied once. */
  actions: Map<string, Result<null>>;
}

interface Share {
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
}

/** The lookup key of a session: its digest, never the secret itself (see Share.bySession). */
function sessionDigest(sessionKey: string): string {
  return createHash('sha256').update(sessionKey).digest('base64url');
}

/** Remembered outcomes per participant; older ones are forgotten (a resend that late is a new action). */
const REMEMBERED_ACTIONS = 1_000;

export class ParticipantHub {
  private readonly shares = new Map<string, Share>();
  /** Why the last start of a meeting's sharing failed, until the next start. */
  private readonly lastErrors = new Map<string, string>();
  /** Every display name given out per meeting in this process, so a later "Ana" never inherits an earlier one's ballot. */
  private readonly namesGiven = new Map<string, Set<string>>();

  constructor(
    private readonly host: ParticipantHost,
    private readonly adapter: SharingAdapter | null,
    private readonly addresses: () => NetworkAddress[] = listNetworkAddresses,
  ) {}

  interfaces(): NetworkAddress[] {
    return this.addresses();
  }

  start(meetingId: string, host: string, port: number): SharingStatus {
    const meeting = this.host.meeting(meetingId);
    if (meeting.status !== 'running') throw new ApiError('conflict', 'Participants can be invited only while the meeting runs.');
    const wanted = bareHost(host);
    const existing = this.shares.get(meetingId);
    if (existing) {
      if (existing.host === wanted && (port === 0 || port === existing.port)) return this.status(meetingId);
      throw new ApiError('conflict', `This meeting is already shared on ${existing.host}; stop sharing first to use another address.`);
    }
    if (!this.adapter) throw new ApiError('forbidden', 'Sharing is not available here: only the app and browser mode can invite participants.');
    const address = this.addresses().find((candidate) => candidate.address.toLowerCase() === wanted);
    if (!address) throw new ApiError('invalid_input', `${host} is not an address of this computer; pick one from the list.`);
    const share: Share = {
      id: randomUUID(),
      meetingId,
      token: randomBytes(32).toString('base64url'),
      state: 'starting',
      host: address.address,
      port: null,
      joinUrl: null,
      qrSvg: null,
      startedAt: this.host.now().toISOString(),
      participants: new Map(),
      bySession: new Map(),
      joins: new Map(),
    };
    this.shares.set(meetingId, share);
    this.lastErrors.delete(meetingId);
    this.adapter.start({ shareId: share.id, meetingId, host: share.host, port, token: share.token, hub: this }).then(
      (bound) => {
        if (this.shares.get(meetingId) !== share) return; // stopped while binding; the adapter closed it
        Object.assign(share, { state: 'on', port: bound.port, joinUrl: bound.joinUrl, qrSvg: bound.qrSvg });
        this.publish(meetingId);
      },
      (error: unknown) => {
        if (this.shares.get(meetingId) !== share) return;
        this.shares.delete(meetingId);
        this.adapter?.stop(share.id);
        this.lastErrors.set(meetingId, `Could not listen on ${share.host}${port ? `:${port}` : ''}: ${(error as Error)?.message ?? String(error)}`);
        this.publish(meetingId);
      },
    );
    this.publish(meetingId);
    return this.status(meetingId);
  }

  /** Ends sharing: the server closes, every session and the token are forgotten. Answers the 'off' status. */
  stop(meetingId: string): SharingStatus {
    const share = this.shares.get(meetingId);
    if (share) {
      this.shares.delete(meetingId);
      this.adapter?.stop(share.id);
      this.publish(meetingId);
    }
    return this.status(meetingId);
  }

  /** Removes one participant: session, place and sockets go; their earlier work stays. Idempotent. */
  remove(meetingId: string, participantId: string): SharingStatus {
    const share = this.shares.get(meetingId);
    const participant = share?.participants.get(participantId);
    if (!share || !participant) return this.status(meetingId);
    share.participants.delete(participantId);
    share.bySession.delete(sessionDigest(participant.sessionKey));
    for (const [actionId, joined] of share.joins) if (joined === participant) share.joins.delete(actionId);
    this.adapter?.disconnect?.(share.id, participantId);
    this.publish(meetingId);
    return this.status(meetingId);
  }

  stopAll(): void {
    for (const meetingId of [...this.shares.keys()]) this.stop(meetingId);
  }

  /** Stops every share whose meeting no longer runs (after a restore, say). */
  stopUnlessRunning(): void {
    for (const meetingId of [...this.shares.keys()]) {
      let running = false;
      try {
        running = this.host.meeting(meetingId).status === 'running';
      } catch {
        running = false;
      }
      if (!running) this.stop(meetingId);
    }
  }

  isSharing(meetingId: string): boolean {
    return this.shares.has(meetingId);
  }

  status(meetingId: string): SharingStatus {
    const share = this.shares.get(meetingId);
    if (!share) {
      return { meetingId, state: 'off', host: null, port: null, joinUrl: null, qrSvg: null, startedAt: null, participants: [], error: this.lastErrors.get(meetingId) ?? null };
    }
    return {
      meetingId,
      state: share.state,
      host: share.host,
      port: share.port,
      joinUrl: share.joinUrl,
      qrSvg: share.qrSvg,
      startedAt: share.startedAt,
      participants: [...share.participants.values()].map(presence),
      error: null,
    };
  }

  // --- What the participant server asks of the hub -------------------------------------------------

  /** The live share a server instance belongs to, or null once it was stopped. */
  private liveShare(shareId: string): Share | null {
    for (const share of this.shares.values()) if (share.id === shareId) return share;
    return null;
  }

  /** True when `sessionKey` names a participant of this share. */
  hasSession(shareId: string, sessionKey: string): boolean {
    return this.liveShare(shareId)?.bySession.has(sessionDigest(sessionKey)) ?? false;
  }

  /** Who a session belongs to (the server matches sockets to a participant with it), or null. */
  participantOf(shareId: string, sessionKey: string): { id: string; name: string } | null {
    const participant = this.liveShare(shareId)?.bySession.get(sessionDigest(sessionKey));
    return participant ? { id: participant.id, name: participant.name } : null;
  }

  /** A socket of this participant opened (+1) or closed (-1); the lead hears when they connect or drop. */
  socketChanged(shareId: string, sessionKey: string, delta: 1 | -1): void {
    const share = this.liveShare(shareId);
    const participant = share?.bySession.get(sessionDigest(sessionKey));
    if (!share || !participant) return;
    const wasConnected = participant.sockets > 0;
    participant.sockets = Math.max(0, participant.sockets + delta);
    participant.lastSeenAt = this.host.now().toISOString();
    if (wasConnected !== participant.sockets > 0) this.publish(share.meetingId);
  }

  /** The participant's current view, or null when the session is unknown or sharing stopped. */
  viewFor(shareId: string, sessionKey: string): ParticipantView | null {
    const share = this.liveShare(shareId);
    const participant = share?.bySession.get(sessionDigest(sessionKey));
    if (!share || !participant) return null;
    try {
      return this.view(share, participant);
    } catch {
      return null;
    }
  }

  /** Meeting changes of this share's meeting, for the server to push views. */
  onMeetingChanged(shareId: string, listener: () => void): () => void {
    return this.host.subscribe((event) => {
      const share = this.liveShare(shareId);
      if (share && event.event === 'meeting.changed' && event.payload.id === share.meetingId) listener();
    });
  }

  /**
   * One participant call, validated at the boundary like `dispatch`: never throws, always a Result.
   * `sessionKey` names the caller (absent before joining).
   */
  call(shareId: string, sessionKey: string | null | undefined, method: unknown, input: unknown): Result<unknown> {
    try {
      const share = this.liveShare(shareId);
      if (!share) throw new ApiError('unauthorized', 'Sharing has stopped; ask the lead for a new link.');
      if (!isParticipantMethodName(method)) {
        throw new ApiError('unknown_method', `There is no participant method named "${String(method).slice(0, 80)}".`);
      }
      const parsed = participantApi[method].input.safeParse(input === undefined || input === null ? {} : input);
      if (!parsed.success) {
        const issues = describeIssues(parsed.error);
        throw new ApiError('invalid_input', `${issues[0]?.path ?? 'The input'} ${issues[0]?.message ?? 'is not valid'}.`, issues);
      }
      if (method === 'participant.join') return { ok: true, value: this.join(share, parsed.data as ParticipantMethodParams<'participant.join'>) };
      const participant = sessionKey ? share.bySession.get(sessionDigest(sessionKey)) : undefined;
      if (!participant) throw new ApiError('unauthorized', 'Join the meeting first (your earlier session ended when sharing stopped).');
      participant.lastSeenAt = this.host.now().toISOString();
      if (method === 'participant.view') return { ok: true, value: this.view(share, participant) };
      const params = parsed.data as { clientActionId: string };
      const earlier = participant.actions.get(params.clientActionId);
      const outcome = earlier ?? this.remember(participant, params.clientActionId, () => this.write(share, participant, method, parsed.data));
      return outcome.ok ? { ok: true, value: this.view(share, participant) } : outcome;
    } catch (error) {
      return { ok: false, error: toErrorData(error) };
    }
  }

  private remember(participant: Participant, actionId: string, apply: () => void): Result<null> {
    let outcome: Result<null>;
    try {
      apply();
      outcome = { ok: true, value: null };
    } catch (error) {
      outcome = { ok: false, error: toErrorData(error) };
    }
    participant.actions.set(actionId, outcome);
    if (participant.actions.size > REMEMBERED_ACTIONS) participant.actions.delete(participant.actions.keys().next().value!);
    return outcome;
  }

  private join(share: Share, params: ParticipantMethodParams<'participant.join'>): ParticipantJoined {
    if (params.sessionKey) {
      const resumed = share.bySession.get(sessionDigest(params.sessionKey));
      if (resumed) return { participantId: resumed.id, name: resumed.name, sessionKey: resumed.sessionKey };
    }
    // A resent join (its answer was lost) gets the same identity back, but only for the name it was
    // sent with: someone else's clientActionId with another name is a new participant, never their key.
    const resent = share.joins.get(params.clientActionId);
    if (resent && resent.requestedName === params.name) return { participantId: resent.id, name: resent.name, sessionKey: resent.sessionKey };
    if (share.participants.size >= LIMITS.participantsMax) {
      throw new ApiError('limit_exceeded', `At most ${LIMITS.participantsMax} participants can join one meeting.`);
    }
    const at = this.host.now().toISOString();
    const participant: Participant = {
      id: randomUUID(),
      name: this.uniqueName(share.meetingId, params.name),
      sessionKey: randomBytes(24).toString('base64url'),
      joinedAt: at,
      lastSeenAt: at,
      requestedName: params.name,
      sockets: 0,
      actions: new Map(),
    };
    share.participants.set(participant.id, participant);
    share.bySession.set(sessionDigest(participant.sessionKey), participant);
    if (!resent) share.joins.set(params.clientActionId, participant);
    this.publish(share.meetingId);
    return { participantId: participant.id, name: participant.name, sessionKey: participant.sessionKey };
  }

  /** The name as typed, or "Name (2)", "Name (3)", … when the lead or anyone in this meeting already goes by it. */
  private uniqueName(meetingId: string, wanted: string): string {
    const meeting = this.host.meeting(meetingId);
    const given = this.namesGiven.get(meetingId) ?? new Set<string>();
    this.namesGiven.set(meetingId, given);
    const taken = new Set([...given, ...namesIn(meeting).map((name) => name.toLocaleLowerCase())]);
    let name = wanted;
    for (let n = 2; taken.has(name.toLocaleLowerCase()); n++) name = `${wanted} (${n})`;
    given.add(name.toLocaleLowerCase());
    return name;
  }

  private view(share: Share, participant: Participant): ParticipantView {
    const meeting = hideBallots(this.host.meeting(share.meetingId), participant.name);
    return buildParticipantView(meeting, { participantId: participant.id, name: participant.name }, this.host.library());
  }

  private write(share: Share, participant: Participant, method: string, params: unknown): void {
    this.host.mutate(share.meetingId, participant.name, (meeting, context) => {
      if (meeting.status !== 'running') throw new ApiError('conflict', 'The meeting is not running.');
      switch (method) {
        case 'participant.propose':
          return votes.propose(meeting, params as ParticipantMethodParams<'participant.propose'>, context);
        case 'participant.tag':
          return tag(meeting, params as ParticipantMethodParams<'participant.tag'>, context);
        case 'participant.untag':
          return untag(meeting, params as ParticipantMethodParams<'participant.untag'>, context);
        case 'participant.vote': {
          const { decisionId, direction } = params as ParticipantMethodParams<'participant.vote'>;
          return votes.castBallot(meeting, decisionId, direction, context);
        }
        default:
          throw new ApiError('unknown_method', `There is no participant method named "${method}".`);
      }
    });
  }

  private publish(meetingId: string): void {
    this.host.publish({ event: 'sharing.changed', payload: this.status(meetingId) });
  }
}

function presence(participant: Participant): ParticipantPresence {
  return { id: participant.id, name: participant.name, connected: participant.sockets > 0, joinedAt: participant.joinedAt, lastSeenAt: participant.lastSeenAt };
}

/** Everyone who already acts in the meeting under a name: the lead and every attribution. */
function namesIn(meeting: Meeting): string[] {
  const names = [meeting.lead || 'Lead', 'Lead'];
  for (const item of meeting.agenda) {
    if (item.answer) names.push(item.answer.by);
    for (const proposal of item.proposals) names.push(proposal.by);
    for (const decision of item.decisions) {
      for (const entry of decision.tags) names.push(entry.by);
      for (const ballot of decision.vote?.ballots ?? []) names.push(ballot.by);
    }
  }
  return names;
}

/** One entry per person and tag: tagging again only updates the direction they gave (shared/tags.ts). */
function tag(meeting: Meeting, params: ParticipantMethodParams<'participant.tag'>, context: chair.ChangeContext): void {
  addTag(chair.findDecision(meeting, params.decisionId).decision, params.tagId, context, params.direction);
}

/** Only the participant's own entry goes; someone else's tag is refused, never touched. */
function untag(meeting: Meeting, params: ParticipantMethodParams<'participant.untag'>, context: chair.ChangeContext): void {
  removeOwnTag(chair.findDecision(meeting, params.decisionId).decision, params.tagId, context);
}
