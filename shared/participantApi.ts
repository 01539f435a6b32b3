/**
 * The participants' API (issue #5), declared like shared/api.ts so the participant transport loops
 * over it. It is a separate, much smaller surface on purpose: changing the agenda, deleting or
 * editing others' work, exporting and other meetings are impossible because no method here does them.
 *
 * Transport (electron/server/participantServer.ts), for the renderer in the participant role:
 * - the page is opened at `http://host:port/#join=<token>`; every request carries the token as
 *   `Authorization: Bearer <token>`, and after joining the session key in the
 *   `x-empty-chair-session` header (shared/sharing.ts has the constants);
 * - calls: POST /p/api/<method> with a JSON body, answered with a Result (shared/errors.ts); a
 *   call over the rate limit is answered 429 `rate_limited` with `Retry-After` (seconds), unapplied;
 * - events: WebSocket /p/events with no query string; its first frame is ParticipantSocketAuth
 *   (within 3 s, else close 4401). It then pushes ParticipantEvent frames; it also takes calls as
 *   `{ "id": <string|number>, "method", "input" }` and answers `{ "reply": <id>, "result": Result }`
 *   (`rate_limited`, unapplied, when over the limit). Close codes: shared/sharing.ts.
 * Every write carries a client-generated `clientActionId`: sending it again (after a reconnect, say)
 * applies the change once and answers as the first time did.
 */
import { z } from 'zod';
import { read, write, type MethodSpec } from './api';
import {
  idSchema,
  IMPACT_DIRECTIONS,
  proseText,
  requiredText,
  type Ballot,
  type DecisionTag,
  type ImpactDirection,
  type MeetingStatus,
  type Proposal,
  type Tag,
  type Vote,
} from './domain';
import type { Result } from './errors';
import { LIMITS } from './limits';
import { CHAIR_QUESTION } from './vocabulary';

/** The chair's question, asked at every agenda item (declared zod-free in vocabulary.ts, for the page). */
export { CHAIR_QUESTION };

/** A fresh random id per user action (crypto.randomUUID() fits); a resend with the same id is applied once. */
const clientActionId = idSchema;
const direction = z.enum(IMPACT_DIRECTIONS);

/**
 * A participant method as the transport needs to know it, so the transport never names a method:
 * - `session`: 'creates' methods need only the link and answer a session (`ParticipantJoined`),
 *   which the socket that called them then speaks for; 'required' methods need the caller's session.
 * - `rate`: which budget a call spends. 'join' is the slow one, per address (a script minting names
 *   does not get far); 'call' is the everyday one, per session (or per address before joining).
 */
export interface ParticipantMethodSpec<I extends z.ZodType, O> extends MethodSpec<I, O> {
  session: 'creates' | 'required';
  rate: 'join' | 'call';
}
/** A method anyone with the link may call: it answers a session. */
const opens = <I extends z.ZodType>(input: I): ParticipantMethodSpec<I, ParticipantJoined> => ({
  ...write(input).returns<ParticipantJoined>(),
  session: 'creates',
  rate: 'join',
});
/** Methods of a joined participant: reads and writes. */
const member = {
  read: <I extends z.ZodType>(input: I) => ({
    returns: <O>(): ParticipantMethodSpec<I, O> => ({ ...read(input).returns<O>(), session: 'required', rate: 'call' }),
  }),
  write: <I extends z.ZodType>(input: I) => ({
    returns: <O>(): ParticipantMethodSpec<I, O> => ({ ...write(input).returns<O>(), session: 'required', rate: 'call' }),
  }),
};

export const participantApi = {
  /**
   * Joins the shared meeting under a display name (shared/participantNames.ts: normalised, and made
   * unique by its confusable skeleton: a second "Ana", or a Cyrillic "Аna", is "Ana (2)"). A
   * participant who still has their `sessionKey` (a reload, a dropped network) gets the same
   * identity back instead of a new one. Someone the lead removed cannot join again from their address
   * with this link until the lead lets them back (`sharing.allow`).
   */
  'participant.join': opens(
    z.strictObject({
      name: requiredText(LIMITS.participantNameMax),
      clientActionId,
      sessionKey: z.string().max(100).optional(),
    }),
  ),
  /** What this participant may see now; the event socket pushes the same after every change. */
  'participant.view': member.read(z.strictObject({})).returns<ParticipantView>(),
  /** Proposes an answer to the chair's question for an agenda item; the lead accepts or dismisses it. */
  'participant.propose': member
    .write(
      z.strictObject({
        clientActionId,
        itemId: idSchema,
        text: proseText(LIMITS.proposalTextMax).refine((text) => text.trim().length > 0, 'must not be empty'),
        direction: direction.nullable().default(null),
      }),
    )
    .returns<ParticipantView>(),
  /** Tags a decision (once per person and tag; tagging again updates the direction). */
  'participant.tag': member
    .write(z.strictObject({ clientActionId, decisionId: idSchema, tagId: idSchema, direction: direction.optional() }))
    .returns<ParticipantView>(),
  /** Takes back one of this participant's own tags; others' tags cannot be removed. */
  'participant.untag': member.write(z.strictObject({ clientActionId, decisionId: idSchema, tagId: idSchema })).returns<ParticipantView>(),
  /** Casts (or, until the reveal, changes) this participant's hidden ballot in a decision's open vote. */
  'participant.vote': member.write(z.strictObject({ clientActionId, decisionId: idSchema, direction })).returns<ParticipantView>(),
} satisfies Record<string, ParticipantMethodSpec<z.ZodType, unknown>>;

export type ParticipantApi = typeof participantApi;
export type ParticipantMethodName = keyof ParticipantApi;
export type ParticipantMethodInput<M extends ParticipantMethodName> = z.input<ParticipantApi[M]['input']>;
export type ParticipantMethodParams<M extends ParticipantMethodName> = z.output<ParticipantApi[M]['input']>;
export type ParticipantMethodOutput<M extends ParticipantMethodName> = NonNullable<ParticipantApi[M]['output']>;
export const PARTICIPANT_METHOD_NAMES = Object.keys(participantApi) as ParticipantMethodName[];

/** The transport's view of a method it was sent: its metadata, or null for a name that is no method. */
export function participantMethodSpec(name: unknown): ParticipantMethodSpec<z.ZodType, unknown> | null {
  return isParticipantMethodName(name) ? participantApi[name] : null;
}

/** The session a 'creates' method answered, or null. */
export function createdSession(value: unknown): string | null {
  const key = value && typeof value === 'object' ? (value as { sessionKey?: unknown }).sessionKey : undefined;
  return typeof key === 'string' ? key : null;
}

export function isParticipantMethodName(name: unknown): name is ParticipantMethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(participantApi, name);
}

export interface ParticipantJoined {
  participantId: string;
  /** Unique display name in this meeting; it is the `by` of everything this participant does. */
  name: string;
  /** Secret (≥128 bits): keep it (sessionStorage) and send it on every call; it dies when sharing stops. */
  sessionKey: string;
}

/** A decision's hidden vote as one participant may see it: their own ballot only, until the reveal. */
export interface ParticipantVote {
  state: 'open' | 'revealed' | 'decided';
  openedAt: string;
  revealedAt: string | null;
  /** How many have voted (everyone's count is fine to show; their picks are not). */
  ballotsCast: number;
  yourBallot: ImpactDirection | null;
  /** Every ballot, once revealed; empty before. */
  ballots: Ballot[];
  decided: Vote['decided'];
}

export interface ParticipantDecision {
  id: string;
  text: string;
  /** The direction the lead set. */
  direction: ImpactDirection;
  /** Everyone's tags, each with who and when (and the direction they saw, if given). */
  tags: DecisionTag[];
  vote: ParticipantVote | null;
  /** Customer evidence the lead cited on this decision (issue 19 §3): read-only copies, never the library. */
  citations: ParticipantCitation[];
}

/** A cited customer quote as participants see it: what was said, by whom, where and when (no revenue). */
export interface ParticipantCitation {
  quote: string;
  customer: string;
  sourceName: string;
  date: string | null;
}

export interface ParticipantView {
  meeting: { id: string; title: string; status: MeetingStatus; lead: string; revision: number };
  you: { participantId: string; name: string };
  question: typeof CHAIR_QUESTION;
  /** The current agenda item; null before the meeting starts or once it has ended. */
  item: {
    id: string;
    /** 0-based position in the agenda, and the agenda's length. */
    position: number;
    count: number;
    title: string;
    answer: { text: string; direction: ImpactDirection | null; by: string; at: string } | null;
    noImpactReason: string | null;
    /** Customer evidence the lead cited on the answer. */
    citations: ParticipantCitation[];
    decisions: ParticipantDecision[];
  } | null;
  /** The personas in the chair. */
  personas: { id: string; name: string; segment: string; needs: string[] }[];
  /** The tag vocabulary to tag with. */
  tags: Tag[];
  /** This participant's own proposals, on any item, with their status. */
  yourProposals: (Omit<Proposal, 'taken'> & { itemId: string; itemTitle: string })[];
}

/** What the participant event socket pushes. */
export interface ParticipantEvents {
  /** The participant's view after any change to the meeting (and once on connecting). */
  'participant.view': ParticipantView;
  /** Sharing stopped (or the meeting ended): the socket closes next and the session is gone. */
  'sharing.ended': { reason: string };
}
export type ParticipantEventName = keyof ParticipantEvents;
export type ParticipantEvent = { [E in ParticipantEventName]: { event: E; payload: ParticipantEvents[E] } }[ParticipantEventName];
/** The event socket's first frame: the join token, and the session key once joined. */
export interface ParticipantSocketAuth {
  auth: { token: string; session?: string };
}
/** A call sent over the event socket, and its answer. */
export interface ParticipantSocketCall {
  id: string | number;
  method: string;
  input?: unknown;
}
export interface ParticipantSocketReply {
  /** The call's id; null when the message was not a readable call. */
  reply: string | number | null;
  result: Result<unknown>;
}
