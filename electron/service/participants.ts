/**
 * Participants of a shared meeting (issue #5), without any network: who joined, their sessions,
 * presence, and their calls, applied through the service's own mutate/validate/persist path with
 * their unique display name as `by`. The participant server (electron/server/participantServer.ts)
 * is the network adapter; it only authenticates requests and hands them to `call`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Meeting } from '../../shared/domain';
import { ApiError, type Result } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { participantApi, type ParticipantJoined, type ParticipantMethodParams, type ParticipantView } from '../../shared/participantApi';
import { namesIn, nameSkeleton, normalizeDisplayName, uniqueDisplayName } from '../../shared/participantNames';
import { buildParticipantView } from '../../shared/participantView';
import type { NetworkAddress, SharingStatus } from '../../shared/sharing';
import { hideBallots } from '../../shared/votes';
import * as chair from './chair';
import {
  noteAddress,
  presence,
  sessionDigest,
  tag,
  untag,
  type CallContext,
  type Participant,
  type ParticipantHost,
  type Share,
} from './participantRecords';

export type { ParticipantCaller, ParticipantHost } from './participantRecords';

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
import { dispatchTable, toErrorData, type HandlerMap } from './dispatchTable';
import { bareHost, listNetworkAddresses } from './networkAddresses';
import * as votes from './votes';

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
    if (!this.adapter)
      throw new ApiError('forbidden', 'Sharing is not available here: only the app and browser mode can invite participants.');
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
      removed: new Map(),
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
        this.lastErrors.set(
          meetingId,
          `Could not listen on ${share.host}${port ? `:${port}` : ''}: ${(error as Error)?.message ?? String(error)}`,
        );
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

  /**
   * Removes one participant: session, place and sockets go; their earlier work stays. The link no
   * longer lets them in from the addresses they used, until the lead allows them back. Idempotent.
   */
  remove(meetingId: string, participantId: string): SharingStatus {
    const share = this.shares.get(meetingId);
    const participant = share?.participants.get(participantId);
    if (!share || !participant) return this.status(meetingId);
    share.participants.delete(participantId);
    share.bySession.delete(sessionDigest(participant.sessionKey));
    for (const [actionId, joined] of share.joins) if (joined === participant) share.joins.delete(actionId);
    share.removed.set(participant.id, {
      id: participant.id,
      name: participant.name,
      removedAt: this.host.now().toISOString(),
      addresses: participant.addresses,
    });
    this.adapter?.disconnect?.(share.id, participantId);
    this.publish(meetingId);
    return this.status(meetingId);
  }

  /** Lets a removed participant join again with the link (under a new session). Idempotent. */
  allow(meetingId: string, participantId: string): SharingStatus {
    const share = this.shares.get(meetingId);
    if (share?.removed.delete(participantId)) this.publish(meetingId);
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
      return {
        meetingId,
        state: 'off',
        host: null,
        port: null,
        joinUrl: null,
        qrSvg: null,
        startedAt: null,
        participants: [],
        removed: [],
        error: this.lastErrors.get(meetingId) ?? null,
      };
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
      removed: [...share.removed.values()].map(({ id, name, removedAt }) => ({ id, name, removedAt })),
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
   * One participant call, validated at the boundary by the one dispatcher (electron/service/dispatch.ts)
   * against shared/participantApi.ts: never throws, always a Result. `sessionKey` names the caller
   * (absent before joining); `address` is where the call came from (removals are kept by it).
   */
  call(shareId: string, sessionKey: string | null | undefined, method: unknown, input: unknown, address = ''): Result<unknown> {
    const share = this.liveShare(shareId);
    if (!share) return { ok: false, error: { code: 'unauthorized', message: 'Sharing has stopped; ask the lead for a new link.' } };
    return dispatchTable(participantApi, this.handlers, method, input, { share, caller: { session: sessionKey, address } });
  }

  /** One handler per participant method; the compiler checks it covers shared/participantApi.ts. */
  private readonly handlers: HandlerMap<typeof participantApi, CallContext> = {
    'participant.join': (params, { share, caller }) => this.join(share, params, caller.address),
    'participant.view': (_params, call) => this.view(call.share, this.member(call)),
    'participant.propose': (params, call) =>
      this.act(call, params.clientActionId, (meeting, context) => votes.propose(meeting, params, context)),
    'participant.tag': (params, call) => this.act(call, params.clientActionId, (meeting, context) => tag(meeting, params, context)),
    'participant.untag': (params, call) => this.act(call, params.clientActionId, (meeting, context) => untag(meeting, params, context)),
    'participant.vote': (params, call) =>
      this.act(call, params.clientActionId, (meeting, context) => votes.castBallot(meeting, params.decisionId, params.direction, context)),
  };

  /** The calling participant (their session must be live), noted as seen now from the call's address. */
  private member({ share, caller }: CallContext): Participant {
    const participant = caller.session ? share.bySession.get(sessionDigest(caller.session)) : undefined;
    if (!participant) throw new ApiError('unauthorized', 'Join the meeting first (your earlier session ended when sharing stopped).');
    participant.lastSeenAt = this.host.now().toISOString();
    noteAddress(participant, caller.address);
    return participant;
  }

  /** A participant's write, applied once per clientActionId (a resend answers as the first time did); answers their view. */
  private act(call: CallContext, actionId: string, change: (meeting: Meeting, context: chair.ChangeContext) => void): ParticipantView {
    const participant = this.member(call);
    const outcome =
      participant.actions.get(actionId) ??
      this.remember(participant, actionId, () =>
        this.host.mutate(call.share.meetingId, participant.name, (meeting, context) => {
          if (meeting.status !== 'running') throw new ApiError('conflict', 'The meeting is not running.');
          change(meeting, context);
        }),
      );
    if (!outcome.ok) throw ApiError.fromData(outcome.error);
    return this.view(call.share, participant);
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

  private join(share: Share, params: ParticipantMethodParams<'participant.join'>, address: string): ParticipantJoined {
    if (params.sessionKey) {
      const resumed = share.bySession.get(sessionDigest(params.sessionKey));
      if (resumed) return { participantId: resumed.id, name: resumed.name, sessionKey: resumed.sessionKey };
    }
    // A resent join (its answer was lost) gets the same identity back, but only for the name it was
    // sent with: someone else's clientActionId with another name is a new participant, never their key.
    const resent = share.joins.get(params.clientActionId);
    if (resent && resent.requestedName === params.name)
      return { participantId: resent.id, name: resent.name, sessionKey: resent.sessionKey };
    if (address && [...share.removed.values()].some((removed) => removed.addresses.has(address))) {
      throw new ApiError('forbidden', 'The lead removed you from this meeting. Ask the lead to let you back in.');
    }
    const checked = normalizeDisplayName(params.name);
    if (!checked.ok) throw new ApiError('invalid_input', checked.message, [{ path: 'name', message: checked.message }]);
    if (share.participants.size >= LIMITS.participantsMax) {
      throw new ApiError('limit_exceeded', `At most ${LIMITS.participantsMax} participants can join one meeting.`);
    }
    const at = this.host.now().toISOString();
    const participant: Participant = {
      id: randomUUID(),
      name: this.uniqueName(share.meetingId, checked.name),
      sessionKey: randomBytes(24).toString('base64url'),
      joinedAt: at,
      lastSeenAt: at,
      requestedName: params.name,
      sockets: 0,
      addresses: new Set(address ? [address] : []),
      actions: new Map(),
    };
    share.participants.set(participant.id, participant);
    share.bySession.set(sessionDigest(participant.sessionKey), participant);
    if (!resent) share.joins.set(params.clientActionId, participant);
    this.publish(share.meetingId);
    return { participantId: participant.id, name: participant.name, sessionKey: participant.sessionKey };
  }

  /** The name as given, or "Name (2)", …, when the lead or anyone in this meeting already goes by it or by one it could pass for. */
  private uniqueName(meetingId: string, wanted: string): string {
    const meeting = this.host.meeting(meetingId);
    const given = this.namesGiven.get(meetingId) ?? new Set<string>();
    this.namesGiven.set(meetingId, given);
    const taken = new Set([...given, ...namesIn(meeting).map(nameSkeleton)]);
    const name = uniqueDisplayName(wanted, taken);
    given.add(nameSkeleton(name));
    return name;
  }

  private view(share: Share, participant: Participant): ParticipantView {
    const meeting = hideBallots(this.host.meeting(share.meetingId), participant.name);
    return buildParticipantView(meeting, { participantId: participant.id, name: participant.name }, this.host.library());
  }

  private publish(meetingId: string): void {
    this.host.publish({ event: 'sharing.changed', payload: this.status(meetingId) });
  }
}
