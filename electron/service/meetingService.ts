import { randomUUID } from 'node:crypto';
import rfdc from 'rfdc';
import { agendaItemDraftSchema, meetingDraftSchema, personaDraftSchema, type MethodName, type MethodOutput, type MethodParams } from '../../shared/api';
import {
  compareMeetingsNewestFirst,
  meetingSchema,
  SCHEMA_VERSION,
  summarizeMeeting,
  type AgendaItem,
  type Decision,
  type Library,
  type LibraryIndex,
  type Meeting,
  type MeetingSummary,
  type Persona,
  type Series,
  type StorageStatus,
  type Template,
} from '../../shared/domain';
import { buildDashboard } from '../../shared/dashboard';
import { ApiError } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { BUILT_IN_TAGS, normalizeTagLabel } from '../../shared/tags';
import { describeIssues } from '../../shared/validate';
import type { NetworkAddress } from '../../shared/sharing';
import { hideBallots, restoreHiddenBallots } from '../../shared/votes';
import type { LibraryStorage } from '../storage/libraryStorage';
import * as chair from './chair';
import * as followUps from './followUps';
import { isEarlier } from '../../shared/followUps';
import { assertMeetingConsistent, unlinkRemoved } from '../../shared/invariants';
import { EventHub } from './events';
import { importMeetings, type ImportHost } from './importMeeting';
import { LedgerIndex } from './ledgerIndex';
import { listNetworkAddresses, ParticipantHub, type SharingAdapter } from './participants';
import { definedOnly } from './objects';
import { BACKUP_INTERVAL_MS, Persistence } from './persistence';
import * as runner from './runner';
import { SAMPLE_PERSONA, sampleMeetingDraft } from './sample';
import * as votes from './votes';

/**
 * The copy every change is made on. Meetings in memory are plain JSON data that zod has parsed
 * (no Dates, Maps or unknown keys), which rfdc copies about 6x faster than structuredClone: a
 * tenth of a millisecond of every save (docs/performance.md, finding 7).
 */
const cloneMeeting = rfdc();

export interface ServiceOptions {
  storage: LibraryStorage;
  now?: () => Date;
  newId?: () => string;
  /** Snapshots at most this often while data changes (default 15 minutes); null turns them off. */
  backupIntervalMs?: number | null;
  /** How long after the last save the save journals are folded into the files (default 2 s). */
  compactAfterMs?: number;
  /** The participant server (electron/server/participantServer.ts); without it `sharing.start` is refused. */
  sharing?: SharingAdapter | null;
  /** This machine's addresses (tests may fix them); os.networkInterfaces() by default. */
  networkAddresses?: () => NetworkAddress[];
}


type Handlers = { [M in MethodName]: (params: MethodParams<M>) => MethodOutput<M> };

/**
 * The one implementation of the API. Documents live in memory; every change is made on a copy and
 * validated as a whole, then written: only the meeting's file, and the index only when its entry
 * changes. A write the disk refuses (full, read-only) is kept in memory as unsaved, reported, and
 * retried until it goes through; a change is acknowledged (ok) only once it is on disk.
 */
export class MeetingService {
  readonly events = new EventHub();
  private index: LibraryIndex;
  private readonly meetings = new Map<string, Meeting>();
  private readonly storage: LibraryStorage;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly persistence: Persistence;
  private readonly ledger = new LedgerIndex();
  /** True once every meeting in the index has been read into the ledger. */
  private ledgerComplete = false;
  /** Meetings whose file could not be read, with the error every later request gets. */
  private readonly unreadable = new Map<string, ApiError>();
  private warming: Promise<void> | null = null;
  /** Participants of shared meetings (issue #5); their server calls into it. */
  readonly participants: ParticipantHub;
  /** Decisions removed lately, whole: their undo comes back from a client that saw hidden ballots only as a count. */
  private readonly removedDecisions = new Map<string, Decision>();

  constructor(options: ServiceOptions) {
    this.storage = options.storage;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.index = this.storage.open().index;
    this.index.meetings.sort(compareMeetingsNewestFirst);
    this.persistence = new Persistence({
      storage: this.storage,
      documents: { meeting: (id) => this.meetings.get(id), index: () => this.index },
      now: this.now,
      backupIntervalMs: options.backupIntervalMs === undefined ? BACKUP_INTERVAL_MS : options.backupIntervalMs,
      onStatusChange: () => this.events.publish({ event: 'storage.changed', payload: this.storageStatus() }),
      compactAfterMs: options.compactAfterMs,
    });
    this.participants = new ParticipantHub(
      {
        meeting: (id) => this.meeting(id),
        library: () => this.library(),
        mutate: (meetingId, actor, change) => this.mutateMeeting(meetingId, undefined, change, actor),
        publish: (event) => this.events.publish(event),
        subscribe: (listener) => this.events.subscribe(listener),
        now: this.now,
        newId: this.newId,
      },
      options.sharing ?? null,
      options.networkAddresses ?? listNetworkAddresses,
    );
  }

  /** Things the user should be told about the data folder (recovered or quarantined files). */
  get notices(): readonly string[] {
    return this.storage.notices;
  }

  readonly handlers: Handlers = {
    'library.get': () => this.library(),
    // Every meeting leaving the service goes through hideBallots: open votes show only how many voted.
    'meetings.get': ({ id }) => hideBallots(this.meeting(id), null),
    'meetings.create': (draft) => this.createMeeting(draft),
    'meetings.update': ({ id, expectedRevision, changes }) =>
      this.mutateMeeting(id, expectedRevision, (meeting) => {
        const { agenda, ...fields } = changes;
        if (fields.personaIds) this.checkPersonas(fields.personaIds);
        if (fields.seriesId) this.series(fields.seriesId);
        Object.assign(meeting, definedOnly(fields));
        if (agenda) {
          const existing = new Map(meeting.agenda.map((item) => [item.id, item]));
          meeting.agenda = agenda.map(({ id: itemId, ...item }) => {
            if (itemId === undefined) return this.newAgendaItem(agendaItemDraftSchema.parse(item));
            const kept = existing.get(itemId);
            if (!kept) throw new ApiError('not_found', `This meeting has no agenda item ${itemId}.`);
            return { ...kept, ...definedOnly(item) };
          });
          if (meeting.currentItemId && !meeting.agenda.some((item) => item.id === meeting.currentItemId)) {
            meeting.currentItemId = meeting.agenda[0]?.id ?? null;
          }
        }
      }),
    'meetings.delete': ({ id }) => {
      const doomed = this.meeting(id);
      this.storage.trashMeeting(id); // throws before anything changes if the disk refuses
      this.participants.stop(id);
      this.meetings.delete(id);
      this.ledger.remove(id);
      this.persistence.forget(id);
      this.events.publish({ event: 'meeting.deleted', payload: { id } });
      this.commitIndex({ ...this.index, meetings: this.index.meetings.filter((summary) => summary.id !== id) });
      this.reopenCarriedInto(doomed);
      return { id };
    },
    'agenda.add': ({ meetingId, item, index }) =>
      this.mutateMeeting(meetingId, undefined, (meeting) => {
        if (meeting.agenda.length >= LIMITS.agendaItemsMax) {
          throw new ApiError('limit_exceeded', `A meeting holds at most ${LIMITS.agendaItemsMax} agenda items.`);
        }
        meeting.agenda.splice(Math.min(index ?? meeting.agenda.length, meeting.agenda.length), 0, this.newAgendaItem(item));
      }),
    'agenda.update': ({ meetingId, itemId, expectedRevision, changes }) =>
      this.mutateMeeting(meetingId, expectedRevision, (meeting) => {
        Object.assign(runner.findItem(meeting, itemId), definedOnly(changes));
      }),
    'agenda.remove': ({ meetingId, itemId }) =>
      this.mutateMeeting(meetingId, undefined, (meeting) => {
        runner.findItem(meeting, itemId);
        meeting.agenda = meeting.agenda.filter((item) => item.id !== itemId);
        if (meeting.currentItemId === itemId) meeting.currentItemId = meeting.agenda[0]?.id ?? null;
      }),
    'agenda.move': ({ meetingId, itemId, toIndex }) =>
      this.mutateMeeting(meetingId, undefined, (meeting) => {
        const item = runner.findItem(meeting, itemId);
        const rest = meeting.agenda.filter((other) => other.id !== itemId);
        rest.splice(Math.min(toIndex, rest.length), 0, item);
        meeting.agenda = rest;
      }),
    'personas.create': (draft) => this.createPersona(draft),
    'personas.update': ({ id, changes }) => {
      const current = this.persona(id);
      const persona: Persona = { ...current, ...definedOnly(changes), updatedAt: this.timestamp() };
      this.commitIndex({ ...this.index, personas: this.index.personas.map((p) => (p.id === id ? persona : p)) });
      return persona;
    },
    'personas.delete': ({ id }) => {
      const persona = this.persona(id);
      const usedBy = this.index.meetings.filter((summary) => summary.personaIds.includes(id));
      if (usedBy.length > 0) {
        throw new ApiError(
          'conflict',
          `${persona.name} sits in the chair of ${usedBy.length} meeting${usedBy.length === 1 ? '' : 's'} ` +
            `("${usedBy[0]!.title}"${usedBy.length > 1 ? ', …' : ''}); take them out of those meetings first.`,
        );
      }
      this.commitIndex({ ...this.index, personas: this.index.personas.filter((p) => p.id !== id) });
      return { id };
    },
    'tags.create': ({ label }) => {
      const wanted = normalizeTagLabel(label);
      const existing = [...BUILT_IN_TAGS, ...this.index.customTags].find((tag) => normalizeTagLabel(tag.label) === wanted);
      if (existing) return existing;
      if (this.index.customTags.length >= LIMITS.customTagsMax) {
        throw new ApiError('limit_exceeded', `The library holds at most ${LIMITS.customTagsMax} custom tags.`);
      }
      const tag = { id: this.newId(), label, builtIn: false };
      this.commitIndex({ ...this.index, customTags: [...this.index.customTags, tag] });
      return tag;
    },
    // Starting also carries forward follow-ups raised since this meeting was planned.
    'meetings.start': ({ id }) => this.carryForward(this.mutateMeeting(id, undefined, (m, c) => runner.start(m, c.at))),
    'meetings.next': (params) => this.mutateMeeting(params.id, undefined, (m, c) => runner.next(m, params, c.at)),
    'meetings.previous': ({ id }) => this.mutateMeeting(id, undefined, (m, c) => runner.previous(m, c.at)),
    'meetings.end': (params) => {
      const ended = this.mutateMeeting(params.id, undefined, (m, c) => runner.end(m, params, c.at));
      this.participants.stop(params.id); // ending the meeting ends sharing
      return ended;
    },
    'chair.answer': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => chair.answer(m, params, c)),
    'chair.noImpact': (params) => this.mutateMeeting(params.meetingId, undefined, (m) => chair.markNoImpact(m, params)),
    'decisions.add': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => chair.addDecision(m, params, c)),
    'decisions.update': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => chair.updateDecision(m, params, c)),
    'decisions.tag': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => chair.tagDecision(m, params, c)),
    'decisions.untag': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => chair.untagDecision(m, params, c)),
    'decisions.remove': (params) =>
      this.mutateMeeting(params.meetingId, undefined, (m) => {
        const removed = chair.findDecision(m, params.decisionId).decision;
        this.removedDecisions.set(removed.id, removed);
        if (this.removedDecisions.size > 100) this.removedDecisions.delete(this.removedDecisions.keys().next().value!);
        chair.removeDecision(m, params);
      }),
    'decisions.restore': (params) =>
      this.mutateMeeting(params.meetingId, undefined, (m) =>
        chair.restoreDecision(m, { ...params, decision: restoreHiddenBallots(params.decision, this.removedDecisions.get(params.decision.id)) }),
      ),
    'followUps.update': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => followUps.updateFollowUp(m, params, c)),
    'followUps.add': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => followUps.addFollowUp(m, params, c)),
    'followUps.remove': (params) => this.mutateMeeting(params.meetingId, undefined, (m) => followUps.removeFollowUp(m, params)),
    'followUps.restore': (params) => this.mutateMeeting(params.meetingId, undefined, (m) => followUps.restoreFollowUp(m, params)),
    'series.create': ({ name }) => this.createSeries(name),
    'meetings.createNext': ({ id, scheduledAt }) => {
      const source = this.meeting(id);
      if (scheduledAt <= source.scheduledAt) {
        throw new ApiError('invalid_input', `The next meeting must come after this one (${source.scheduledAt}); choose a later time.`, [
          { path: 'scheduledAt', message: 'must be after the meeting it follows' },
        ]);
      }
      // Check every limit before writing anything, so a refusal leaves no half-made series behind.
      this.checkRoomForMeeting();
      if (!source.seriesId) this.checkRoomForSeries();
      const seriesId = source.seriesId ?? this.createSeries(this.uniqueSeriesName(source.title)).id;
      if (!source.seriesId) this.mutateMeeting(id, undefined, (m) => void (m.seriesId = seriesId));
      const next = this.createMeeting({
        title: source.title,
        scheduledAt,
        lead: source.lead,
        participants: source.participants,
        personaIds: this.knownPersonas(source.personaIds),
        seriesId,
        agenda: agendaShape(source),
      });
      return this.carryForward(next);
    },
    'templates.create': ({ meetingId, name }) => {
      const meeting = this.meeting(meetingId);
      if (this.index.templates.length >= LIMITS.templatesMax) {
        throw new ApiError('limit_exceeded', `The library holds at most ${LIMITS.templatesMax} templates.`);
      }
      const template: Template = {
        id: this.newId(),
        name,
        title: meeting.title,
        lead: meeting.lead,
        participants: meeting.participants,
        personaIds: meeting.personaIds,
        seriesId: meeting.seriesId,
        agenda: agendaShape(meeting),
        createdAt: this.timestamp(),
      };
      this.commitIndex({ ...this.index, templates: [...this.index.templates, template] });
      return template;
    },
    'templates.delete': ({ id }) => {
      if (!this.index.templates.some((t) => t.id === id)) throw new ApiError('not_found', `There is no template with the id ${id}.`);
      this.commitIndex({ ...this.index, templates: this.index.templates.filter((t) => t.id !== id) });
      return { id };
    },
    'meetings.createFromTemplate': ({ templateId, scheduledAt, title }) => {
      const template = this.index.templates.find((t) => t.id === templateId);
      if (!template) throw new ApiError('not_found', `There is no template with the id ${templateId}.`);
      const seriesId = template.seriesId && this.index.series.some((s) => s.id === template.seriesId) ? template.seriesId : null;
      const meeting = this.createMeeting({
        title: title ?? template.title,
        scheduledAt,
        lead: template.lead,
        participants: template.participants,
        // A persona deleted since the template was saved simply no longer sits in the chair.
        personaIds: this.knownPersonas(template.personaIds),
        seriesId,
        agenda: template.agenda,
      });
      return this.carryForward(meeting);
    },
    'decisions.recordOutcome': ({ meetingId, decisionId, outcome, askedIn }) => {
      if (askedIn !== null) this.meeting(askedIn);
      return this.mutateMeeting(meetingId, undefined, (m, c) => {
        const decision = m.agenda.flatMap((item) => item.decisions).find((d) => d.id === decisionId);
        if (!decision) throw new ApiError('not_found', `The meeting "${m.title}" has no decision ${decisionId}.`);
        decision.outcome = outcome && { ...outcome, by: c.actor, at: c.at, meetingId: askedIn };
        decision.updatedAt = c.at;
      });
    },
    'checkBacks.list': ({ meetingId }) => {
      const meeting = this.meeting(meetingId);
      this.loadAllMeetings();
      return this.ledger.checkBacksFor(meeting);
    },
    'meetings.import': (input) => importMeetings(this.importHost(), { ...input, meetings: [input.meeting] })[0]!,
    'meetings.importMany': (input) => importMeetings(this.importHost(), input),
    'samples.create': () => {
      const persona = this.createPersona(personaDraftSchema.parse(SAMPLE_PERSONA));
      return this.createMeeting(meetingDraftSchema.parse(sampleMeetingDraft(this.now(), persona.id)));
    },
    'ledger.search': (query) => {
      this.loadAllMeetings();
      return this.ledger.search(query, this.ledgerComplete);
    },
    'dashboard.get': (range) => {
      this.loadAllMeetings();
      const meetings = this.index.meetings.flatMap((summary) => this.meetings.get(summary.id) ?? []);
      return buildDashboard(meetings, this.library(), range);
    },
    'storage.status': () => this.storageStatus(),
    'backups.list': () => this.storage.backups.list(),
    'backups.create': () => this.persistence.backUp('manual'),
    'backups.restore': ({ id }) => {
      if (this.persistence.unsavedCount() > 0) {
        throw new ApiError('conflict', 'Some changes are not saved to disk yet; restoring now would lose them. Try again once they are saved.');
      }
      const result = this.storage.restoreBackup(id);
      this.reload();
      return result;
    },
    'settings.update': (settings) => {
      this.commitIndex({ ...this.index, settings: { ...this.index.settings, ...settings } });
      return this.index.settings;
    },
    'sharing.interfaces': () => this.participants.interfaces(),
    'sharing.start': ({ meetingId, host, port }) => this.participants.start(meetingId, host, port),
    'sharing.stop': ({ meetingId }) => {
      this.meeting(meetingId);
      return this.participants.stop(meetingId);
    },
    'sharing.status': ({ meetingId }) => {
      this.meeting(meetingId);
      return this.participants.status(meetingId);
    },
    'sharing.remove': ({ meetingId, participantId }) => {
      this.meeting(meetingId);
      return this.participants.remove(meetingId, participantId);
    },
    'votes.open': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => votes.openVote(m, params, c)),
    'votes.reveal': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => votes.revealVote(m, params, c)),
    'votes.decide': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => votes.decideVote(m, params, c)),
    'proposals.accept': (params) => this.mutateMeeting(params.meetingId, undefined, (m, c) => votes.acceptProposal(m, params, c)),
    'proposals.dismiss': (params) => this.mutateMeeting(params.meetingId, undefined, (m) => votes.dismissProposal(m, params)),
  };

  library(): Library {
    return {
      meetings: this.index.meetings,
      personas: this.index.personas,
      tags: [...BUILT_IN_TAGS, ...this.index.customTags],
      series: this.index.series,
      templates: this.index.templates,
      settings: this.index.settings,
    };
  }

  /** A meeting from memory, read from its file the first time it is asked for. */
  meeting(id: string): Meeting {
    const cached = this.meetings.get(id);
    if (cached) return cached;
    if (!this.index.meetings.some((summary) => summary.id === id)) {
      throw new ApiError('not_found', `There is no meeting with the id ${id}.`);
    }
    const failed = this.unreadable.get(id);
    if (failed) throw failed;
    let meeting: Meeting;
    try {
      meeting = this.storage.readMeeting(id);
    } catch (error) {
      if (error instanceof ApiError) this.unreadable.set(id, error);
      throw error;
    }
    this.meetings.set(id, meeting);
    this.ledger.update(meeting);
    return meeting;
  }

  private checkRoomForMeeting(): void {
    if (this.index.meetings.length >= LIMITS.meetingsMax) {
      throw new ApiError('limit_exceeded', `The library holds at most ${LIMITS.meetingsMax} meetings.`);
    }
  }

  private createMeeting(draft: MethodParams<'meetings.create'>): Meeting {
    this.checkRoomForMeeting();
    this.checkPersonas(draft.personaIds);
    if (draft.seriesId) this.series(draft.seriesId);
    const at = this.timestamp();
    const meeting: Meeting = {
      schemaVersion: SCHEMA_VERSION,
      id: this.newId(),
      title: draft.title,
      scheduledAt: draft.scheduledAt,
      lead: draft.lead,
      participants: draft.participants,
      personaIds: draft.personaIds,
      seriesId: draft.seriesId,
      status: 'planned',
      currentItemId: null,
      startedAt: null,
      endedAt: null,
      agenda: draft.agenda.map((item) => this.newAgendaItem(item)),
      followUps: [],
      createdAt: at,
      updatedAt: at,
      revision: 1,
    };
    return this.commitMeeting(meeting, null);
  }

  private createPersona(draft: MethodParams<'personas.create'>): Persona {
    if (this.index.personas.length >= LIMITS.personasMax) {
      throw new ApiError('limit_exceeded', `The library holds at most ${LIMITS.personasMax} personas.`);
    }
    const at = this.timestamp();
    const persona: Persona = { id: this.newId(), ...draft, createdAt: at, updatedAt: at };
    this.commitIndex({ ...this.index, personas: [...this.index.personas, persona] });
    return persona;
  }

  private series(id: string): Series {
    const series = this.index.series.find((s) => s.id === id);
    if (!series) throw new ApiError('not_found', `There is no series with the id ${id}.`);
    return series;
  }

  private checkRoomForSeries(): void {
    if (this.index.series.length >= LIMITS.seriesMax) {
      throw new ApiError('limit_exceeded', `The library holds at most ${LIMITS.seriesMax} series.`);
    }
  }

  /** A meeting's title as a series name, numbered when another series already has it ("Weekly sync (2)"). */
  private uniqueSeriesName(title: string): string {
    const taken = new Set(this.index.series.map((s) => s.name));
    const base = title.slice(0, LIMITS.nameMax);
    for (let n = 2; taken.has(base) && n < LIMITS.seriesMax + 2; n++) {
      const candidate = `${title.slice(0, LIMITS.nameMax - ` (${n})`.length)} (${n})`;
      if (!taken.has(candidate)) return candidate;
    }
    return base;
  }

  private knownPersonas(ids: readonly string[]): string[] {
    return ids.filter((personaId) => this.index.personas.some((p) => p.id === personaId));
  }

  private createSeries(name: string): Series {
    this.checkRoomForSeries();
    const series: Series = { id: this.newId(), name, createdAt: this.timestamp() };
    this.commitIndex({ ...this.index, series: [...this.index.series, series] });
    return series;
  }

  /**
   * Carries open follow-ups of the series' ended, earlier meetings into `target`, then marks each
   * original as carried. Only ended meetings hand on: a meeting still to come keeps its own
   * follow-ups (planning two weeks ahead must not take them away). The copy is saved first: if the
   * second write failed, the next carry (at start) would see the copy already there and add nothing.
   */
  private carryForward(target: Meeting): Meeting {
    if (!target.seriesId || target.status === 'ended') return target;
    const sources = this.index.meetings
      .filter((s) => s.seriesId === target.seriesId && s.status === 'ended' && s.id !== target.id && isEarlier(s, target))
      .flatMap((s) => {
        try {
          return [this.meeting(s.id)];
        } catch {
          return []; // an unreadable meeting is reported elsewhere; carry what can be read
        }
      });
    if (!followUps.hasSomethingToCarry(target, sources)) return target;
    let carried = new Map<string, string[]>();
    const updated = this.mutateMeeting(target.id, undefined, (m, c) => {
      carried = followUps.carryInto(m, sources, c);
    });
    for (const [sourceId, ids] of carried) this.mutateMeeting(sourceId, undefined, (m) => followUps.markCarried(m, ids, target.id));
    return updated;
  }

  /** A deleted meeting held copies of follow-ups: their originals are open again, to carry elsewhere. */
  private reopenCarriedInto(deleted: Meeting): void {
    const bySource = new Map<string, string[]>();
    for (const { carriedFrom } of deleted.followUps) {
      if (carriedFrom) bySource.set(carriedFrom.meetingId, [...(bySource.get(carriedFrom.meetingId) ?? []), carriedFrom.followUpId]);
    }
    for (const [sourceId, ids] of bySource) {
      if (!this.index.meetings.some((s) => s.id === sourceId)) continue;
      try {
        this.mutateMeeting(sourceId, undefined, (m) => followUps.uncarry(m, ids, deleted.id));
      } catch {
        // An unreadable source is reported elsewhere; nothing else to reopen.
      }
    }
  }

  private persona(id: string): Persona {
    const persona = this.index.personas.find((p) => p.id === id);
    if (!persona) throw new ApiError('not_found', `There is no persona with the id ${id}.`);
    return persona;
  }

  private checkPersonas(ids: readonly string[]): void {
    for (const id of ids) this.persona(id);
  }

  private newAgendaItem(draft: { title: string; owner: string; timeboxMinutes: number; notes: string }): AgendaItem {
    return {
      id: this.newId(),
      ...draft,
      answer: null,
      noImpactReason: null,
      skipped: false,
      startedAt: null,
      decisions: [],
      proposals: [],
    };
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  /** Applies `change` to a copy of the meeting, then commits it; the stored meeting is untouched on error. */
  private mutateMeeting(
    id: string,
    expectedRevision: number | undefined,
    change: (draft: Meeting, context: chair.ChangeContext) => void,
    /** Who makes the change: the lead unless a participant's call names them. */
    actor?: string,
  ): Meeting {
    const current = this.meeting(id);
    if (expectedRevision !== undefined && expectedRevision !== current.revision) {
      throw new ApiError(
        'conflict',
        `"${current.title}" was changed elsewhere since you opened it (revision ${current.revision}, yours ${expectedRevision}). ` +
          'Reload it to see those changes, then make yours again.',
      );
    }
    const draft = cloneMeeting(current);
    const at = this.timestamp();
    // Participants' calls name them (electron/service/participants.ts); everything else is the lead's.
    const context: chair.ChangeContext = { at, actor: actor ?? (current.lead || 'Lead'), newId: this.newId, tags: this.library().tags };
    change(draft, context);
    unlinkRemoved(draft);
    draft.revision = current.revision + 1;
    draft.updatedAt = at;
    return this.commitMeeting(draft, current);
  }

  private commitMeeting(meeting: Meeting, previous: Meeting | null): Meeting {
    const checked = meetingSchema.safeParse(meeting);
    if (!checked.success) {
      const issues = describeIssues(checked.error);
      throw new ApiError('invalid_input', `That change would make the meeting invalid: ${issues[0]?.path} ${issues[0]?.message}.`, issues);
    }
    assertMeetingConsistent(meeting, {}, 'That change would make the meeting inconsistent');
    this.meetings.set(meeting.id, meeting);
    this.unreadable.delete(meeting.id);
    this.ledger.update(meeting);
    const summary = summarizeMeeting(meeting);
    const oldSummary = previous && this.index.meetings.find((s) => s.id === meeting.id);
    const indexChanged = !oldSummary || !sameSummary(oldSummary, summary);
    if (indexChanged) {
      const meetings = this.index.meetings.filter((s) => s.id !== meeting.id);
      meetings.push(summary);
      meetings.sort(compareMeetingsNewestFirst);
      this.index = { ...this.index, meetings };
    }
    const shown = hideBallots(meeting, null);
    try {
      this.persistence.save(meeting.id, indexChanged);
    } finally {
      // Memory holds the change either way, so every window shows it; unsaved ones are retried.
      this.events.publish({ event: 'meeting.changed', payload: shown });
      if (indexChanged) this.publishLibrary();
    }
    return shown;
  }

  private importHost(): ImportHost {
    return { index: this.index, tags: this.library().tags, newId: this.newId, storage: this.storage, adopt: (meetings, index) => this.adoptImported(meetings, index) };
  }

  /** An import's meetings and index, already on disk (importMeeting.ts), into memory and every window. */
  private adoptImported(meetings: readonly Meeting[], index: LibraryIndex): Meeting[] {
    this.index = index;
    for (const meeting of meetings) {
      this.meetings.set(meeting.id, meeting);
      this.unreadable.delete(meeting.id);
      this.ledger.update(meeting);
    }
    const shown = meetings.map((meeting) => hideBallots(meeting, null));
    for (const meeting of shown) this.events.publish({ event: 'meeting.changed', payload: meeting });
    this.publishLibrary();
    return shown;
  }

  private commitIndex(index: LibraryIndex): void {
    this.index = index;
    try {
      this.persistence.save(null, true);
    } finally {
      this.publishLibrary();
    }
  }

  /** Runs a write call whole, refused saves kept and reported at the end (see Persistence.collectRefusals). */
  collectRefusals<T>(work: () => T): { value: T; refused: ApiError | null } {
    return this.persistence.collectRefusals(work);
  }

  /** Writes what the disk refused before; true when nothing is left unsaved. */
  flushUnsaved(): boolean {
    return this.persistence.flush();
  }

  /** After a restore: read everything again and tell every window. */
  private reload(): void {
    const open = [...this.meetings.keys()];
    this.meetings.clear();
    this.unreadable.clear();
    this.ledger.clear();
    this.ledgerComplete = false;
    this.index = this.storage.open().index;
    this.index.meetings.sort(compareMeetingsNewestFirst);
    this.publishLibrary();
    for (const id of open) {
      try {
        this.events.publish({ event: 'meeting.changed', payload: hideBallots(this.meeting(id), null) });
      } catch {
        this.events.publish({ event: 'meeting.deleted', payload: { id } });
      }
    }
    this.publishStorage();
    this.participants.stopUnlessRunning();
  }

  /** Reads every meeting not yet in memory, so the ledger covers them all. */
  private loadAllMeetings(): void {
    if (this.ledgerComplete) return;
    for (const summary of this.index.meetings) this.tryLoad(summary.id);
    this.ledgerComplete = true;
  }

  private tryLoad(id: string): void {
    if (this.meetings.has(id) || this.unreadable.has(id)) return;
    try {
      this.meeting(id);
    } catch {
      // Recorded in `unreadable` (and the notices); the ledger goes on without it.
    }
  }

  /**
   * Builds the ledger in the background after start, a few meetings per turn of the event loop,
   * so the first meeting list is served at once and a later search finds the work done.
   */
  warmUp(): Promise<void> {
    this.warming ??= new Promise<void>((resolve) => {
      const ids = this.index.meetings.map((summary) => summary.id);
      // Unref'd so it never holds a closing process open. A timer, not setImmediate: an unref'd
      // immediate does not wake the event loop, so each batch waited for some other request or timer
      // (1,000 meetings took 19 s in the benchmark instead of under one; tests/unit/warmUp.test.ts).
      const next = () => setTimeout(step, 0).unref();
      const step = () => {
        if (this.ledgerComplete) return resolve();
        const batch = ids.splice(0, 25);
        for (const id of batch) this.tryLoad(id);
        if (ids.length > 0) next();
        else {
          this.loadAllMeetings(); // picks up anything created meanwhile, then marks complete
          resolve();
        }
      };
      next();
    });
    return this.warming;
  }

  storageStatus(): StorageStatus {
    return this.persistence.status();
  }

  /** On clean close: see Persistence.close. */
  close(): { unsavedChanges: number } {
    this.participants.stopAll();
    return this.persistence.close();
  }

  private publishStorage(): void {
    this.events.publish({ event: 'storage.changed', payload: this.storageStatus() });
  }

  private publishLibrary(): void {
    this.events.publish({ event: 'library.changed', payload: this.library() });
  }
}

function sameSummary(a: MeetingSummary, b: MeetingSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The reusable shape of a meeting's agenda: what a template or the next meeting of a series copies. */
function agendaShape(meeting: Meeting): { title: string; owner: string; timeboxMinutes: number; notes: string }[] {
  return meeting.agenda.map(({ title, owner, timeboxMinutes, notes }) => ({ title, owner, timeboxMinutes, notes }));
}
