/**
 * The one declaration of the Empty Chair API. Each method: name, input schema, result type, and
 * whether it changes data. Electron IPC, the HTTP server and the renderer client all loop over this
 * object, so adding a method means adding it here and in its area's handler module
 * (electron/service/areas/), nowhere else: see docs/architecture.md.
 */
import { z } from 'zod';
import {
  citationSchema,
  decisionSchema,
  followUpSchema,
  meetingSchema,
  personaSchema,
  tagSchema,
  IMPACT_DIRECTIONS,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  optionalText,
  proseText,
  requiredText,
  THEMES,
  type BackupInfo,
  type Library,
  type StorageStatus,
  type Meeting,
  type Persona,
  type Series,
  type Tag,
  type Template,
} from './domain';
import type { Result } from './errors';
import type { Dashboard } from './dashboard';
import { ledgerQuerySchema, type LedgerEntry, type LedgerResult } from './ledger';
import { LIMITS } from './limits';
import { evidenceMethods } from './evidence/api';
import { read, write, type MethodSpec } from './methodSpec';
import type { NetworkAddress, SharingStatus } from './sharing';

export { read, write, type MethodSpec } from './methodSpec';

/** Inputs store instants in UTC so that sorting the strings sorts the times. */
const instantInput = isoDateTimeSchema.transform((value) => new Date(value).toISOString());

const personaIdsInput = z
  .array(idSchema)
  .max(LIMITS.personasPerMeetingMax, `at most ${LIMITS.personasPerMeetingMax} personas sit in one chair`)
  .refine((ids) => new Set(ids).size === ids.length, 'must not name a persona twice');

export const agendaItemDraftSchema = z.strictObject({
  title: requiredText(LIMITS.titleMax),
  owner: optionalText(LIMITS.nameMax).default(''),
  timeboxMinutes: z.number().int().min(LIMITS.timeboxMinutesMin).max(LIMITS.timeboxMinutesMax).default(10),
  notes: proseText(LIMITS.notesMax).default(''),
});
export type AgendaItemDraft = z.input<typeof agendaItemDraftSchema>;

const agendaItemChangesSchema = z.strictObject({
  title: agendaItemDraftSchema.shape.title.optional(),
  owner: optionalText(LIMITS.nameMax).optional(),
  timeboxMinutes: z.number().int().min(LIMITS.timeboxMinutesMin).max(LIMITS.timeboxMinutesMax).optional(),
  notes: proseText(LIMITS.notesMax).optional(),
});

/**
 * In a whole-agenda edit, an item with an id keeps its answer, decisions and any field left out;
 * an item without one is new and gets the draft defaults. No defaults here: they would blank fields.
 */
const agendaItemEditSchema = agendaItemChangesSchema.extend({ id: idSchema.optional(), title: agendaItemDraftSchema.shape.title });

const agendaInput = <T extends z.ZodType>(item: T) =>
  z.array(item).max(LIMITS.agendaItemsMax, `a meeting holds at most ${LIMITS.agendaItemsMax} agenda items`);

const meetingFields = {
  title: requiredText(LIMITS.titleMax),
  scheduledAt: instantInput,
  lead: optionalText(LIMITS.nameMax),
  participants: z
    .array(requiredText(LIMITS.nameMax))
    .max(LIMITS.participantsMax, `a meeting has at most ${LIMITS.participantsMax} participants`),
  personaIds: personaIdsInput,
  seriesId: idSchema.nullable(),
};

export const meetingDraftSchema = z.strictObject({
  ...meetingFields,
  lead: meetingFields.lead.default(''),
  participants: meetingFields.participants.default([]),
  personaIds: meetingFields.personaIds.default([]),
  seriesId: meetingFields.seriesId.default(null),
  agenda: agendaInput(agendaItemDraftSchema).default([]),
});
export type MeetingDraft = z.input<typeof meetingDraftSchema>;

export const meetingChangesSchema = z.strictObject({
  title: meetingFields.title.optional(),
  scheduledAt: meetingFields.scheduledAt.optional(),
  lead: meetingFields.lead.optional(),
  participants: meetingFields.participants.optional(),
  personaIds: meetingFields.personaIds.optional(),
  seriesId: meetingFields.seriesId.optional(),
  agenda: agendaInput(agendaItemEditSchema)
    .refine((items) => {
      const ids = items.flatMap((item) => (item.id ? [item.id] : []));
      return new Set(ids).size === ids.length;
    }, 'must not list an agenda item twice')
    .optional(),
});
export type MeetingChanges = z.input<typeof meetingChangesSchema>;

export const personaDraftSchema = z.strictObject({
  name: requiredText(LIMITS.nameMax),
  segment: optionalText(LIMITS.segmentMax).default(''),
  needs: z
    .array(requiredText(LIMITS.needMax))
    .max(LIMITS.needsPerPersonaMax, `a persona has at most ${LIMITS.needsPerPersonaMax} needs`)
    .default([]),
  quotes: z
    .array(requiredText(LIMITS.quoteMax))
    .max(LIMITS.quotesPerPersonaMax, `a persona has at most ${LIMITS.quotesPerPersonaMax} quotes`)
    .default([]),
});
export type PersonaDraft = z.input<typeof personaDraftSchema>;

const direction = z.enum(IMPACT_DIRECTIONS);

export const answerChangesSchema = z.strictObject({
  text: proseText(LIMITS.answerMax).optional(),
  direction: direction.nullable().optional(),
  severity: z.number().int().min(0).max(3).optional(),
  personaIds: personaIdsInput.optional(),
});

const tagIdsInput = z.array(idSchema).max(LIMITS.tagsPerDecisionMax, `a decision has at most ${LIMITS.tagsPerDecisionMax} tags`);

export const decisionDraftSchema = z.strictObject({
  text: requiredText(LIMITS.decisionTextMax),
  owner: optionalText(LIMITS.nameMax).default(''),
  dueDate: isoDateSchema.nullable().default(null),
  direction: direction.default('unknown'),
  reviewDate: isoDateSchema.nullable().default(null),
  tagIds: tagIdsInput.default([]),
});
export type DecisionDraft = z.input<typeof decisionDraftSchema>;

const decisionChangesSchema = z.strictObject({
  text: requiredText(LIMITS.decisionTextMax).optional(),
  owner: optionalText(LIMITS.nameMax).optional(),
  dueDate: isoDateSchema.nullable().optional(),
  direction: direction.optional(),
  reviewDate: isoDateSchema.nullable().optional(),
});

const followUpChangesSchema = z.strictObject({
  text: requiredText(LIMITS.decisionTextMax).optional(),
  owner: optionalText(LIMITS.nameMax).optional(),
  dueDate: isoDateSchema.nullable().optional(),
  done: z.boolean().optional(),
});

const inItem = { meetingId: idSchema, itemId: idSchema };
const onDecision = { meetingId: idSchema, decisionId: idSchema };
/** A citation of customer evidence: on the item's answer, or on one of its decisions. */
const onCitation = {
  ...inItem,
  decisionId: idSchema.optional(),
  sourceId: idSchema,
  key: z.string().min(1, 'must not be empty').max(LIMITS.citationFieldMax, `must be at most ${LIMITS.citationFieldMax} characters`),
};
const onRestore = { ...inItem, decisionId: idSchema.optional(), citation: citationSchema, index: z.number().int().min(0).optional() };
const byId = z.strictObject({ id: idSchema });
const reportIds = z.array(idSchema).min(1).max(LIMITS.reportBatchMax, `at most ${LIMITS.reportBatchMax} meetings per call`);
/** Sent back by a client that edited a copy at this revision; a newer revision on disk is a conflict. */
const expectedRevision = z.number().int().min(1).optional();

export const api = {
  'library.get': read(z.strictObject({})).returns<Library>(),
  'meetings.get': read(byId).returns<Meeting>(),
  'meetings.create': write(meetingDraftSchema).returns<Meeting>(),
  'meetings.update': write(z.strictObject({ id: idSchema, expectedRevision, changes: meetingChangesSchema })).returns<Meeting>(),
  'meetings.delete': write(byId).returns<{ id: string }>(),
  'agenda.add': write(
    z.strictObject({ meetingId: idSchema, item: agendaItemDraftSchema, index: z.number().int().min(0).optional() }),
  ).returns<Meeting>(),
  'agenda.update': write(
    z.strictObject({ meetingId: idSchema, itemId: idSchema, expectedRevision, changes: agendaItemChangesSchema }),
  ).returns<Meeting>(),
  'agenda.remove': write(z.strictObject({ meetingId: idSchema, itemId: idSchema })).returns<Meeting>(),
  'agenda.move': write(z.strictObject({ meetingId: idSchema, itemId: idSchema, toIndex: z.number().int().min(0) })).returns<Meeting>(),
  'personas.create': write(personaDraftSchema).returns<Persona>(),
  'personas.update': write(z.strictObject({ id: idSchema, changes: personaDraftSchema.partial().strict() })).returns<Persona>(),
  'personas.delete': write(byId).returns<{ id: string }>(),
  'tags.create': write(z.strictObject({ label: requiredText(LIMITS.tagLabelMax) })).returns<Tag>(),
  'meetings.start': write(byId).returns<Meeting>(),
  /** Moves to the next item. The impact gate refuses ('gate_closed') unless the current item is
   * answered, marked "no customer impact" with a reason, or `skip` says to skip it on purpose. */
  'meetings.next': write(z.strictObject({ id: idSchema, skip: z.boolean().optional() })).returns<Meeting>(),
  'meetings.previous': write(byId).returns<Meeting>(),
  /** Ends the meeting; the gate applies to the current item as for `meetings.next`. */
  'meetings.end': write(z.strictObject({ id: idSchema, skip: z.boolean().optional() })).returns<Meeting>(),
  /** Saves (part of) the answer to "How does this affect the customer?"; called as the lead types. */
  'chair.answer': write(
    z.strictObject({ ...inItem, changes: answerChangesSchema, followUpOwner: optionalText(LIMITS.nameMax).optional() }),
  ).returns<Meeting>(),
  /** Marks an item "No customer impact" with a reason; null takes the mark back. */
  'chair.noImpact': write(z.strictObject({ ...inItem, reason: requiredText(LIMITS.reasonMax).nullable() })).returns<Meeting>(),
  'decisions.add': write(z.strictObject({ ...inItem, decision: decisionDraftSchema })).returns<Meeting>(),
  'decisions.update': write(z.strictObject({ ...onDecision, changes: decisionChangesSchema })).returns<Meeting>(),
  'decisions.tag': write(z.strictObject({ ...onDecision, tagId: idSchema })).returns<Meeting>(),
  'decisions.untag': write(z.strictObject({ ...onDecision, tagId: idSchema })).returns<Meeting>(),
  /**
   * Sets a decision's tags to exactly `tagIds` in one change (one validation, one write, one event):
   * a tag left out goes with everyone's entries for it, a new one is the lead's. The decision editor uses it.
   */
  'decisions.setTags': write(z.strictObject({ ...onDecision, tagIds: tagIdsInput })).returns<Meeting>(),
  'decisions.remove': write(z.strictObject(onDecision)).returns<Meeting>(),
  /** Puts a removed decision back where it was: the undo of `decisions.remove`. */
  'decisions.restore': write(z.strictObject({ ...inItem, index: z.number().int().min(0), decision: decisionSchema })).returns<Meeting>(),
  'followUps.update': write(
    z.strictObject({ meetingId: idSchema, followUpId: idSchema, changes: followUpChangesSchema }),
  ).returns<Meeting>(),
  /** An action with owner and due date; with `decisionId` it is the decision's follow-up. */
  'followUps.add': write(
    z.strictObject({
      meetingId: idSchema,
      text: requiredText(LIMITS.decisionTextMax),
      owner: optionalText(LIMITS.nameMax).default(''),
      dueDate: isoDateSchema.nullable().default(null),
      itemId: idSchema.optional(),
      decisionId: idSchema.optional(),
    }),
  ).returns<Meeting>(),
  'followUps.remove': write(z.strictObject({ meetingId: idSchema, followUpId: idSchema })).returns<Meeting>(),
  /** Puts a removed follow-up back where it was: the undo of `followUps.remove`. */
  'followUps.restore': write(
    z.strictObject({ meetingId: idSchema, index: z.number().int().min(0), followUp: followUpSchema }),
  ).returns<Meeting>(),
  /** A recurring meeting; its meetings share follow-ups and check-backs. */
  'series.create': write(z.strictObject({ name: requiredText(LIMITS.nameMax) })).returns<Series>(),
  /**
   * The next meeting of a series: the agenda copied (without answers or decisions) and open
   * follow-ups carried forward. A meeting not yet in a series starts one named after it. Without a
   * title it is the source's with the new day (shared/libraryRules.ts nextMeetingTitle, UTC day).
   */
  'meetings.createNext': write(
    z.strictObject({ id: idSchema, scheduledAt: instantInput, title: requiredText(LIMITS.titleMax).optional() }),
  ).returns<Meeting>(),
  'templates.create': write(z.strictObject({ meetingId: idSchema, name: requiredText(LIMITS.nameMax) })).returns<Template>(),
  'templates.delete': write(byId).returns<{ id: string }>(),
  /** A new meeting shaped by a template; open follow-ups carry forward if the template names a series. */
  'meetings.createFromTemplate': write(
    z.strictObject({ templateId: idSchema, scheduledAt: instantInput, title: requiredText(LIMITS.titleMax).optional() }),
  ).returns<Meeting>(),
  /**
   * Records how a decision turned out for the customer (null takes it back). `askedIn` is the meeting
   * whose chair asked; the answer is stored with the decision, in its own meeting, which is returned.
   */
  'decisions.recordOutcome': write(
    z.strictObject({
      ...onDecision,
      outcome: z.strictObject({ direction, note: proseText(LIMITS.answerMax).default('') }).nullable(),
      askedIn: idSchema.nullable().default(null),
    }),
  ).returns<Meeting>(),
  /** The decisions whose review date has come, for the chair of this meeting to check back on. */
  'checkBacks.list': read(z.strictObject({ meetingId: idSchema })).returns<LedgerEntry[]>(),
  /**
   * Imports an exported meeting. Personas and custom tags it uses that the library lacks are added.
   * A meeting whose id is already here is refused ('conflict') unless `asCopy`: then it gets new ids.
   */
  'meetings.import': write(
    z.strictObject({
      meeting: meetingSchema,
      personas: z.array(personaSchema).max(LIMITS.personasMax).default([]),
      tags: z
        .array(tagSchema)
        .max(LIMITS.customTagsMax + 50)
        .default([]),
      asCopy: z.boolean().default(false),
    }),
  ).returns<Meeting>(),
  /**
   * Imports every meeting of a file (what the Reports page and `npm run export -- --all` write), all
   * or nothing: one meeting refused, or a kill in the middle, and none is imported. Ids already here
   * are refused ('conflict', naming them) unless `asCopy`.
   */
  'meetings.importMany': write(
    z.strictObject({
      meetings: z.array(meetingSchema).min(1, 'must hold at least one meeting').max(LIMITS.meetingsMax),
      personas: z.array(personaSchema).max(LIMITS.personasMax).default([]),
      tags: z
        .array(tagSchema)
        .max(LIMITS.customTagsMax + 50)
        .default([]),
      asCopy: z.boolean().default(false),
    }),
  ).returns<Meeting[]>(),
  /** A sample meeting with a persona, offered on first run so a new user sees the idea in a minute. */
  'samples.create': write(z.strictObject({})).returns<Meeting>(),
  /** Every decision in every meeting, filtered: text, tags, directions, persona, owner, dates, meetings. */
  'ledger.search': read(ledgerQuerySchema).returns<LedgerResult>(),
  /** Chair coverage and impact direction over time (per week), by tag and by persona; dates inclusive. */
  'dashboard.get': read(z.strictObject({ from: isoDateSchema.optional(), to: isoDateSchema.optional() })).returns<Dashboard>(),
  /** Meetings for a report, a batch at a time, not kept in the service's memory; deleted ones in `missing`, damaged in `unreadable`. */
  'reports.meetings': read(z.strictObject({ ids: reportIds })).returns<{ meetings: Meeting[]; missing: string[]; unreadable: string[] }>(),
  /** Where the data is, what was recovered, and whether any change is still waiting to be written. */
  'storage.status': read(z.strictObject({})).returns<StorageStatus>(),
  'backups.list': read(z.strictObject({})).returns<BackupInfo[]>(),
  'backups.create': write(z.strictObject({})).returns<BackupInfo>(),
  /** Puts the data back as it was in a backup; the answer names the backup that undoes it. */
  'backups.restore': write(byId).returns<{ restored: BackupInfo; undoBackupId: string }>(),
  'settings.update': write(z.strictObject({ theme: z.enum(THEMES) })).returns<Library['settings']>(),
  /** This machine's IPv4/IPv6 addresses to share a meeting on, loopback first (and marked). */
  'sharing.interfaces': read(z.strictObject({})).returns<NetworkAddress[]>(),
  /**
   * Invites participants to a running meeting: starts its participant server on `host` (one of
   * `sharing.interfaces`; nothing listens before this) and answers 'starting'; `sharing.changed`
   * follows with 'on', the join link and its QR code (or 'off' and `error` if the port is taken).
   * Sharing an already shared meeting on the same host answers its status.
   */
  'sharing.start': write(
    z.strictObject({ meetingId: idSchema, host: z.string().trim().min(1).max(64), port: z.number().int().min(0).max(65_535).default(0) }),
  ).returns<SharingStatus>(),
  /** Stops sharing: the port closes, every participant session and the token die. Ending the meeting does it too. */
  'sharing.stop': write(z.strictObject({ meetingId: idSchema })).returns<SharingStatus>(),
  'sharing.status': read(z.strictObject({ meetingId: idSchema })).returns<SharingStatus>(),
  /**
   * Removes one participant from a shared meeting: their session dies and their sockets close
   * (4401), freeing their place; what they already did stays, under their name. The link no longer
   * lets them join from the addresses they used (status `removed`) until `sharing.allow`; a new
   * share is a new link. Removing someone already gone answers the status unchanged.
   */
  'sharing.remove': write(z.strictObject({ meetingId: idSchema, participantId: idSchema })).returns<SharingStatus>(),
  /** Lets a removed participant join again with the current link (as a new session). Idempotent. */
  'sharing.allow': write(z.strictObject({ meetingId: idSchema, participantId: idSchema })).returns<SharingStatus>(),
  /** Opens a hidden impact vote on a decision: participants' ballots stay hidden (even from the lead) until the reveal. */
  'votes.open': write(z.strictObject(onDecision)).returns<Meeting>(),
  'votes.reveal': write(z.strictObject(onDecision)).returns<Meeting>(),
  /**
   * After the reveal, the lead decides the decision's direction. Ballots that disagree are kept as
   * its dissent and the vote is marked "disagree and commit".
   */
  'votes.decide': write(z.strictObject({ ...onDecision, direction })).returns<Meeting>(),
  /**
   * Takes a participant's proposal into the item's answer; the proposal stays, marked accepted, as
   * the proposer's credit. With no answer yet it becomes the answer (text, direction, the proposer's
   * attribution). With one, 'append' (the default: nothing is lost) adds it below the answer's text,
   * keeping its author and direction; 'replace' puts it in the answer's place. Either can be undone.
   */
  'proposals.accept': write(
    z.strictObject({ ...inItem, proposalId: idSchema, mode: z.enum(['append', 'replace']).default('append') }),
  ).returns<Meeting>(),
  /** Undoes `proposals.accept`: the answer is again what it was before and the proposal is open; refused once the answer changed since. */
  'proposals.undoAccept': write(z.strictObject({ ...inItem, proposalId: idSchema })).returns<Meeting>(),
  'proposals.dismiss': write(z.strictObject({ ...inItem, proposalId: idSchema })).returns<Meeting>(),
  /** Cites evidence (`sourceId`, `key`) on the answer, or with `decisionId` on one decision, copying quote, customer, source,
   * date and account from the live item (never the client's), so the record outlives the source. At most 20 per entry. */
  'citations.add': write(z.strictObject(onCitation)).returns<Meeting>(),
  /** Takes a citation back off the item's answer, or off one of its decisions with `decisionId`. */
  'citations.remove': write(z.strictObject(onCitation)).returns<Meeting>(),
  /** Undoes `citations.remove`: puts that copy back (at `index`), even when its source is gone; refused when already cited or full. */
  'citations.restore': write(z.strictObject(onRestore)).returns<Meeting>(),
  /** Customer evidence (issue 19): sources, import, accounts, ranking; declared in shared/evidence/api.ts. */
  ...evidenceMethods,
} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
/** The input after validation: defaults filled in, text trimmed. */
export type MethodParams<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Api[M]['output']>;
export const METHOD_NAMES = Object.keys(api) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}

/** Push events: name and payload, declared once like the methods. */
export interface ApiEvents {
  /** A meeting was created or changed; carries the whole meeting as saved, ballots of open votes hidden (shared/votes.ts). */
  'meeting.changed': Meeting;
  'meeting.deleted': { id: string };
  /** The library index changed (meeting list, personas, tags or settings). */
  'library.changed': Library;
  /** Unsaved changes, write errors, recoveries or backups changed. */
  'storage.changed': StorageStatus;
  /** Sharing started, stopped, or a participant joined, connected or left. */
  'sharing.changed': SharingStatus;
}
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: EventName[] = ['meeting.changed', 'meeting.deleted', 'library.changed', 'storage.changed', 'sharing.changed'];
export type ApiEvent = { [E in EventName]: { event: E; payload: ApiEvents[E] } }[EventName];

/** What a transport has to offer: call a method by name, and listen to every event. */
export interface Transport {
  /** `requestId` (shared/requestIds.ts) makes a retried write safe: the same id is never applied twice. */
  invoke(method: string, input: unknown, requestId?: string): Promise<Result<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}
