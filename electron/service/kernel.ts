/**
 * The service's kernel: the documents in memory (the library index and the meetings read so far),
 * the one path every change takes to disk, and the events that tell every window. Handlers live in
 * the area modules (electron/service/areas/); they read through `meeting`/`library` and change only
 * through `mutateMeeting`, `commitMeeting` and `commitIndex`. See docs/architecture.md.
 */
import { randomUUID } from 'node:crypto';
import rfdc from 'rfdc';
import {
  compareMeetingsNewestFirst,
  meetingSchema,
  summarizeMeeting,
  type Library,
  type LibraryIndex,
  type Meeting,
  type MeetingSummary,
  type StorageStatus,
} from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { assertMeetingConsistent, unlinkRemoved } from '../../shared/invariants';
import { BUILT_IN_TAGS } from '../../shared/tags';
import { describeIssues } from '../../shared/validate';
import { hideBallots } from '../../shared/votes';
import type { LibraryStorage } from '../storage/libraryStorage';
import type { ChangeContext } from './chair';
import { EventHub } from './events';
import type { StampsInWorker } from './figureStamps';
import { LedgerIndex } from './ledgerIndex';
import { LedgerKeeper, type LedgerOwner } from './ledger/keeper';
import { runInSlices } from './ledger/slices';
import { BACKUP_INTERVAL_MS, Persistence } from './persistence';

/**
 * The copy every change is made on. Meetings in memory are plain JSON data that zod has parsed
 * (no Dates, Maps or unknown keys), which rfdc copies about 6x faster than structuredClone: a
 * tenth of a millisecond of every save (docs/performance.md, finding 7).
 */
const cloneMeeting = rfdc();

export interface KernelOptions {
  storage: LibraryStorage;
  now?: () => Date;
  newId?: () => string;
  /** Snapshots at most this often while data changes (default 15 minutes); null turns them off. */
  backupIntervalMs?: number | null;
  /** How long after the last save the save journals are folded into the files (default 2 s). */
  compactAfterMs?: number;
  /** Workers read the ledger's file and stamp meeting files of a large library (default true; 'anySize': any, for tests); not the CLI. */
  readLedgerAhead?: boolean | 'anySize';
  /** The bundle's worker entry that builds the ledger (electron/ledgerBuildWorker.ts); absent, builds stay on the main thread. */
  ledgerBuildWorker?: string | null;
}

/** A change to a copy of a meeting; it throws (an ApiError) to refuse, and then nothing changes. */
export type MeetingChange = (draft: Meeting, context: ChangeContext) => void;

/**
 * Documents live in memory; every change is made on a copy and validated as a whole, then written:
 * only the meeting's file, and the index only when its entry changes. A write the disk refuses
 * (full, read-only) is kept in memory as unsaved, reported, and retried until it goes through; a
 * change is acknowledged (ok) only once it is on disk.
 */
export class Kernel {
  readonly events = new EventHub();
  readonly storage: LibraryStorage;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly persistence: Persistence;
  /** Every decision of every meeting read so far, for search and check-backs. */
  readonly ledger = new LedgerIndex();
  private currentIndex: LibraryIndex;
  private readonly meetings = new Map<string, Meeting>();
  /** True once every meeting in the index has been read into the ledger. */
  private ledgerComplete = false;
  /** Meetings whose file could not be read, with the error every later request gets. */
  private readonly unreadable = new Map<string, ApiError>();
  private warming: Promise<void> | null = null;
  private readonly idsOfIndex = new WeakMap<LibraryIndex, Set<string>>();
  private reloads = 0;
  /** The ledger kept across sessions (ledger/keeper.ts), read once, before the first build step or search. */
  private readonly keeper: LedgerKeeper;
  /** True once the library was asked for (the first meeting list): the ledger's warm-up waits for it. */
  private listServed = false;

  constructor(options: KernelOptions) {
    this.storage = options.storage;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.keeper = new LedgerKeeper(this.storage.dataDir, this.storage.meetingsDir, options.ledgerBuildWorker ?? null);
    const ahead = options.readLedgerAhead !== false;
    if (ahead) this.keeper.prefetch({ anySize: options.readLedgerAhead === 'anySize' }); // the ledger's file, read on a worker while the library opens and the first list is served
    this.currentIndex = this.keeper.whileReadingAhead(() => this.storage.open()).index;
    this.currentIndex.meetings.sort(compareMeetingsNewestFirst);
    // After the open, which folds any journal into its file (a new stamp); before anything else can throw.
    if (ahead) this.keeper.stampsAhead(this.currentIndex.meetings.map((summary) => summary.id));
    this.persistence = new Persistence({
      storage: this.storage,
      documents: { meeting: (id) => this.meetings.get(id), index: () => this.currentIndex },
      now: this.now,
      backupIntervalMs: options.backupIntervalMs === undefined ? BACKUP_INTERVAL_MS : options.backupIntervalMs,
      onStatusChange: () => this.publishStorage(),
      compactAfterMs: options.compactAfterMs,
    });
  }

  /** The library index as saved (or waiting to be saved); change it only through `commitIndex`. */
  get index(): LibraryIndex {
    return this.currentIndex;
  }

  library(): Library {
    this.listServed = true;
    const index = this.currentIndex;
    return {
      meetings: index.meetings,
      personas: index.personas,
      tags: [...BUILT_IN_TAGS, ...index.customTags],
      series: index.series,
      templates: index.templates,
      settings: index.settings,
    };
  }

  /** A meeting from memory, read from its file the first time it is asked for. */
  meeting(id: string): Meeting {
    const cached = this.meetings.get(id);
    if (cached) return cached;
    const stamp = this.ledger.has(id) ? null : this.keeper.stamp(id); // taken before the read
    const meeting = this.readListed(id);
    this.meetings.set(id, meeting);
    // Already in the ledger when the build read it: the file has not changed since (see `generation`).
    if (!this.ledger.has(id)) this.ledger.update(meeting, stamp);
    return meeting;
  }

  /** The meeting if it is in memory already (open, changed, or read for the ledger); never reads. */
  loadedMeeting(id: string): Meeting | undefined {
    return this.meetings.get(id);
  }

  /**
   * A meeting for reading across the library (dashboard, reports): from memory when there,
   * otherwise read from its file and not kept, so going through 10,000 meetings does not hold them
   * all (docs/performance.md, finding 14).
   */
  peekMeeting(id: string): Meeting {
    return this.meetings.get(id) ?? this.readListed(id);
  }

  /** A listed meeting from its file: not_found for an id the index lacks, an unreadable one's error again. */
  private readListed(id: string): Meeting {
    if (!this.indexIds().has(id)) throw new ApiError('not_found', `There is no meeting with the id ${id}.`);
    const failed = this.unreadable.get(id);
    if (failed) throw failed;
    try {
      return this.storage.readMeeting(id);
    } catch (error) {
      if (error instanceof ApiError) this.unreadable.set(id, error);
      throw error;
    }
  }

  /** The index's meeting ids, as a set made once per version of the index (a lookup per meeting read). */
  private indexIds(): Set<string> {
    let ids = this.idsOfIndex.get(this.currentIndex);
    if (!ids) this.idsOfIndex.set(this.currentIndex, (ids = new Set(this.currentIndex.meetings.map((summary) => summary.id))));
    return ids;
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  // --- The commit path: mutate → validate → journal → event ------------------------------------

  /** Applies `change` to a copy of the meeting, then commits it; the stored meeting is untouched on error. */
  mutateMeeting(
    id: string,
    expectedRevision: number | undefined,
    change: MeetingChange,
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
    const context: ChangeContext = { at, actor: actor ?? (current.lead || 'Lead'), newId: this.newId, tags: this.library().tags };
    change(draft, context);
    unlinkRemoved(draft);
    draft.revision = current.revision + 1;
    draft.updatedAt = at;
    return this.commitMeeting(draft, current);
  }

  /**
   * The one way a meeting reaches memory and disk: validate the whole document, keep it, write it
   * (its journal, and the index when its summary changed), then tell every window. `previous` is
   * null for a new meeting. Returns the meeting as clients see it (open ballots hidden).
   */
  commitMeeting(meeting: Meeting, previous: Meeting | null): Meeting {
    const checked = meetingSchema.safeParse(meeting);
    if (!checked.success) {
      const issues = describeIssues(checked.error);
      throw new ApiError('invalid_input', `That change would make the meeting invalid: ${issues[0]?.path} ${issues[0]?.message}.`, issues);
    }
    assertMeetingConsistent(meeting, {}, 'That change would make the meeting inconsistent');
    this.meetings.set(meeting.id, meeting);
    this.unreadable.delete(meeting.id);
    this.ledger.update(meeting);
    const indexChanged = this.updateSummary(meeting, previous);
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

  /** The index's entry for this meeting, replaced when it changed; true if it did. */
  private updateSummary(meeting: Meeting, previous: Meeting | null): boolean {
    const summary = summarizeMeeting(meeting);
    const oldSummary = previous && this.currentIndex.meetings.find((s) => s.id === meeting.id);
    if (oldSummary && sameSummary(oldSummary, summary)) return false;
    const meetings = this.currentIndex.meetings.filter((s) => s.id !== meeting.id);
    meetings.push(summary);
    meetings.sort(compareMeetingsNewestFirst);
    this.currentIndex = { ...this.currentIndex, meetings };
    return true;
  }

  /** The index's one way to change: keep it, write it, tell every window. */
  commitIndex(index: LibraryIndex): void {
    this.currentIndex = index;
    try {
      this.persistence.save(null, true);
    } finally {
      this.publishLibrary();
    }
  }

  /** An import's meetings and index, already on disk (importMeeting.ts), into memory and every window. */
  adoptImported(meetings: readonly Meeting[], index: LibraryIndex): Meeting[] {
    this.currentIndex = index;
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

  /** Takes a meeting whose file is already in the trash out of memory and the index. */
  forgetMeeting(id: string): void {
    this.meetings.delete(id);
    this.ledger.remove(id);
    this.persistence.forget(id);
    this.events.publish({ event: 'meeting.deleted', payload: { id } });
    this.commitIndex({ ...this.currentIndex, meetings: this.currentIndex.meetings.filter((summary) => summary.id !== id) });
  }

  // --- Reading everything: after a restore, and for the ledger ------------------------------------

  /**
   * How many times the files were replaced under the kernel (a restore): within one generation, a
   * meeting file changes only through a meeting in memory (the figure cache relies on it).
   */
  get generation(): number {
    return this.reloads;
  }

  /** The meeting files' stamps, taken on a worker from open for the ledger's and the dashboard's caches; null for the CLI and a small library. */
  get stampsAtOpen(): StampsInWorker | null {
    return this.keeper.stampsAtOpen;
  }

  /** After a restore: read everything again and tell every window. */
  reload(): void {
    this.reloads++;
    const open = [...this.meetings.keys()];
    this.meetings.clear();
    this.unreadable.clear();
    this.ledger.clear();
    this.ledgerComplete = false;
    this.keeper.filesReplaced(); // stamps taken, or a build started, before
    this.currentIndex = this.storage.open().index;
    this.currentIndex.meetings.sort(compareMeetingsNewestFirst);
    this.publishLibrary();
    for (const id of open) {
      try {
        this.events.publish({ event: 'meeting.changed', payload: hideBallots(this.meeting(id), null) });
      } catch {
        this.events.publish({ event: 'meeting.deleted', payload: { id } });
      }
    }
    this.publishStorage();
  }

  /** Puts every meeting not yet in the ledger into it (read, not kept), so the ledger covers them all. */
  loadAllMeetings(): void {
    if (this.ledgerComplete) return;
    this.keeper.load(this.ledgerOwner, true); // waits for a build on a worker
    if (!this.ledgerHoldsAll()) for (const summary of this.currentIndex.meetings) this.indexMeeting(summary.id);
    this.ledgerComplete = true;
    this.ledger.trim(); // the build grew its arrays by doubling
    this.keeper.schedule(this.ledgerOwner, () => this.ledgerComplete); // written, then swapped to the file's form (a search may finish first)
  }

  /**
   * Into the ledger only: read from its file and let go, so the ledger holds its rows and words,
   * not 10,000 meetings (issue 20: 362 MB of heap after one search). Meetings the user opens are
   * still kept (`meeting`).
   */
  private indexMeeting(id: string): void {
    if (this.ledger.has(id) || this.unreadable.has(id) || !this.indexIds().has(id)) return; // listed ones only (loadAllMeetings counts on it)
    try {
      const stamp = this.keeper.stamp(id); // before the read: nothing else writes the folder meanwhile
      this.ledger.update(this.storage.readMeeting(id), stamp);
    } catch (error) {
      // Recorded (and in the notices); the ledger goes on without it, and `meeting` refuses it too.
      if (error instanceof ApiError) this.unreadable.set(id, error);
    }
  }

  /** The ledger holds only listed meetings (`indexMeeting`): as many means every one of them. */
  private readonly ledgerHoldsAll = () => this.ledger.meetingCount === this.currentIndex.meetings.length;

  /** How many meetings memory holds (opened, changed or imported); the ledger's build adds none. */
  get keptMeetings(): number {
    return this.meetings.size;
  }

  /** On close (MeetingService.close): see LedgerKeeper.close. */
  closeLedger(saved: boolean): void {
    this.keeper.close(this.ledgerOwner, saved);
  }

  private readonly ledgerOwner: LedgerOwner = {
    ledger: this.ledger,
    listed: () => this.indexIds(),
    isUnreadable: (id) => this.unreadable.has(id),
    journaled: (id) => this.storage.meetingMayBeJournaled(id),
    loadedMeeting: (id) => this.meetings.get(id),
  };

  get ledgerIsComplete(): boolean {
    return this.ledgerComplete;
  }

  /**
   * Builds the ledger in the background after start (a big one on a worker: ledger/build.ts), a few
   * meetings per turn of the event loop, so the first list is served at once and a later search
   * finds the work done. The file's parse (25-40 ms at 10,000) waits for the first list, or a second.
   */
  warmUp(): Promise<void> {
    return (this.warming ??= runInSlices({
      items: this.currentIndex.meetings.map((summary) => summary.id),
      beforeSlice: () => this.keeper.load(this.ledgerOwner),
      pauseWhile: () => this.keeper.building,
      nothingLeft: this.ledgerHoldsAll, // the file held every one
      each: (id) => this.indexMeeting(id),
      finished: () => this.ledgerComplete || this.keeper.closed,
      done: () => {
        this.loadAllMeetings(); // picks up anything created meanwhile, then marks complete
        setTimeout(() => this.ledgerComplete && this.ledger.prepareSearch(), 0).unref();
      },
      startWhen: () => this.listServed && this.keeper.readAheadSettled,
      waitAtMostMs: 1_000,
    }));
  }

  storageStatus(): StorageStatus {
    return this.persistence.status();
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
