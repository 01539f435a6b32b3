/**
 * Each meeting's dashboard figures (shared/dashboard.ts: meetingFigures), kept in a file beside the
 * library so the first dashboard of a session reads one file instead of every meeting
 * (docs/performance.md, finding 14). A stored entry is used only while the meeting file is the one
 * it was computed from (same inode, size and modification time); any other entry is recomputed
 * from the meeting, never trusted. A meeting in memory (open, changed since it was read) counts as
 * itself: its figures are kept beside the object, and a stored entry serves it only when the file,
 * the revision and the time of its last change all match. A cache file that cannot be read, or
 * holds anything but what this version writes, is ignored whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  addFigures,
  DashboardSum,
  meetingFigures,
  type Dashboard,
  type DashboardLibrary,
  type DashboardRange,
  type MeetingFigures,
} from '../../shared/dashboard';
import type { LibraryIndex, Meeting } from '../../shared/domain';
import { decodeFigureFile, encodeFigureFile, FIGURE_FILE_FORMAT, StoredEntry, type Entry, type FileStamp } from './figureCacheFormat';
import { fileStamp, sameStamp, StampsInWorker, STAMPS_IN_WORKER_FROM } from './figureStamps';
import { processTimeZone } from './timeZone';

/** Bumped whenever MeetingFigures (or how it is computed) changes: an older file is then ignored. */
export const FIGURE_CACHE_FORMAT = FIGURE_FILE_FORMAT;
export const FIGURE_CACHE_FILE = 'dashboard-figures.bin';
/** Where formats 1-4 kept the figures, as JSON: removed when found. */
const OLD_FIGURE_CACHE_FILE = 'dashboard-figures.json';

/** Weeks and days are local calendar days: figures stored under another time zone are not used. */
const localZone = processTimeZone;

/** Meeting files checked per turn of the event loop while preparing (a few ms each). */
const PREPARE_BATCH = 500;
/** How long the main thread waits for the worker's stamps before taking them itself (10,000 take 30-100 ms). */
const WORKER_WAIT_MS = 1_000;

/** What the cache needs of the kernel (electron/service/kernel.ts). */
export interface FigureSource {
  readonly index: LibraryIndex;
  /** Changes when the files were replaced (a restore): what was checked before must be checked again. */
  readonly generation: number;
  loadedMeeting(id: string): Meeting | undefined;
  /** Reads the meeting without keeping it; throws when it cannot be read. */
  peekMeeting(id: string): Meeting;
  /** The meeting files' stamps the kernel started taking at open (shared with the ledger's cache). */
  readonly stampsAtOpen?: StampsInWorker | null;
}

export class FigureCache {
  private entries: Map<string, Entry> | null = null;
  private readonly ofObject = new WeakMap<Meeting, MeetingFigures>();
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  /**
   * Meetings whose stored entry was found to match their file in this generation: until the next
   * restore, such a file can only change through the meeting in memory, which goes first anyway.
   */
  private readonly checked = new Set<string>();
  private checkedGeneration = -1;
  private preparing: Promise<void> | null = null;
  /** The stamps being taken on a worker thread for prepare(), until used. */
  private inWorker: StampsInWorker | null = null;
  /** The generation whose entries the worker's stamps checked (a dashboard may use them before the background check). */
  private workerChecked = -1;
  /** The zone of the file the entries came from, while not yet compared with this process's (zoneIs). */
  private fileZone: string | null = null;
  readonly file: string;
  /** `<meetings>/`: a stamp's path is this, the id and ".json" (no path.join for each of 10,000). */
  private readonly meetingPrefix: string;

  constructor(
    /** The folder of the cache file (`<data>/cache`). */
    private readonly dir: string,
    meetingsDir: string,
    /** How long after figures changed the file is written (and on close). */
    private readonly saveAfterMs = 2_000,
    /** How long after prepare() is called the background check begins. */
    private readonly prepareAfterMs = 0,
  ) {
    this.file = path.join(dir, FIGURE_CACHE_FILE);
    this.meetingPrefix = meetingsDir + path.sep;
  }

  /**
   * After start, in the background (a batch of files per turn of the event loop): reads the cache
   * file and checks its entries against the meeting files, so the first dashboard only merges.
   */
  prepare(source: FigureSource): Promise<void> {
    this.preparing ??= new Promise<void>((resolve) => {
      // The files are stat'ed on another thread while this one reads the cache file (figureStamps.ts).
      // The kernel's stamps from open serve here too (one pass over the files), unless the files were
      // replaced since. A small library's are stat'ed here, below: a worker's start would cost more.
      const atOpen = source.stampsAtOpen;
      const listed = source.index.meetings.map((summary) => summary.id);
      this.inWorker =
        atOpen?.generation === source.generation
          ? atOpen
          : listed.length >= STAMPS_IN_WORKER_FROM
            ? new StampsInWorker(this.meetingPrefix, listed, source.generation)
            : null;
      let waited = false;
      const pending = this.inWorker;
      let at = 0;
      const step = () => {
        // The file's zone is compared once the worker says which zone this is (zoneIs), not here.
        const entries = (this.entries ??= this.load(null));
        this.startGeneration(source);
        if (at === 0 && pending && this.inWorker === pending && !waited) {
          // Not Atomics.wait: the worker's last 30-60 ms after the file is read leave the loop free.
          waited = true;
          void pending.settled(WORKER_WAIT_MS).then(() => setTimeout(step, 0).unref());
          return;
        }
        if (at === 0 && (this.useWorkerStamps(source, entries, 0) || this.workerChecked === source.generation)) return resolve();
        if (at === 0) this.zoneIs(localZone); // the worker failed or lags: this thread finds the zone
        const ids = source.index.meetings;
        for (const end = Math.min(ids.length, at + PREPARE_BATCH); at < end; at++) {
          const { id } = ids[at]!;
          const entry = entries.get(id);
          if (entry && !this.checked.has(id) && !source.loadedMeeting(id) && this.fileIs(id, entry.file)) this.checked.add(id);
        }
        if (at < ids.length) setTimeout(step, 0).unref();
        else resolve();
      };
      // Browser mode calls this once the first list is served (electron/web.ts): reading the file is
      // one block of 50-150 ms at 10,000 meetings. Unref'd: it never holds a closing process open.
      setTimeout(step, this.prepareAfterMs).unref();
    });
    return this.preparing;
  }

  /**
   * Checks the entries against the stamps the worker took, waiting for it at most `waitMs`;
   * false (nothing checked) when it failed, lags, or the files were replaced since (a restore).
   */
  private useWorkerStamps(source: FigureSource, entries: Map<string, Entry>, waitMs = WORKER_WAIT_MS): boolean {
    // Before prepare() ran (a dashboard asked for first), the kernel's stamps from open serve as well.
    const atOpen = this.workerChecked === source.generation ? null : source.stampsAtOpen;
    const pending = this.inWorker ?? (atOpen?.generation === source.generation ? atOpen : null);
    this.inWorker = null;
    const stampOf = pending?.take(waitMs);
    if (!pending || !stampOf) return false;
    this.zoneIs(() => pending.zone() ?? localZone());
    if (pending.generation !== source.generation) return false;
    pending.ids.forEach((id, i) => {
      const entry = entries.get(id);
      if (entry && !source.loadedMeeting(id) && sameStamp(entry.file, stampOf(i))) this.checked.add(id);
    });
    this.workerChecked = source.generation;
    return true;
  }

  private startGeneration(source: FigureSource): void {
    if (this.checkedGeneration === source.generation) return;
    this.checked.clear();
    this.checkedGeneration = source.generation;
  }

  /**
   * The dashboard over every readable meeting, added in index order (newest first); unreadable
   * meetings are left out. A checked entry from the file is added from its columns (StoredEntry).
   */
  dashboard(source: FigureSource, library: DashboardLibrary, range: DashboardRange): Dashboard {
    const entries = (this.entries ??= this.load(localZone()));
    this.startGeneration(source);
    this.useWorkerStamps(source, entries); // asked before the background check got to them
    this.zoneIs(localZone); // no worker's answer: the zone is found here
    const sum = new DashboardSum(library, range);
    const listed = new Set<string>();
    for (const { id } of source.index.meetings) {
      listed.add(id);
      const figures = this.figuresOfMeeting(id, source, entries);
      if (figures instanceof StoredEntry) figures.addTo(sum);
      else if (figures) addFigures(sum, figures);
    }
    for (const id of entries.keys()) {
      if (listed.has(id)) continue;
      entries.delete(id); // deleted meetings
      this.dirty = true;
    }
    if (this.dirty) this.scheduleSave();
    return sum.result();
  }

  /** The meeting's figures, or its entry from the file to be added from the columns; null when unreadable. */
  private figuresOfMeeting(id: string, source: FigureSource, entries: Map<string, Entry>): MeetingFigures | StoredEntry | null {
    const entry = entries.get(id);
    const memory = source.loadedMeeting(id);
    if (memory) {
      let figures = this.ofObject.get(memory);
      if (!figures) {
        const fromFile = entry && entry.revision === memory.revision && entry.updatedAt === memory.updatedAt && this.fileIs(id, entry.file);
        if (fromFile) figures = entry.figures;
        else {
          figures = meetingFigures(memory);
          this.remember(entries, id, null, memory, figures);
        }
        this.ofObject.set(memory, figures);
      }
      return figures;
    }
    if (entry && this.checked.has(id)) return entry instanceof StoredEntry ? entry : entry.figures;
    const stamp = this.stamp(id);
    if (entry && stamp && sameStamp(entry.file, stamp)) {
      this.checked.add(id);
      return entry instanceof StoredEntry ? entry : entry.figures;
    }
    let meeting: Meeting;
    try {
      meeting = source.peekMeeting(id); // read after the stamp: nothing else writes the folder meanwhile
    } catch {
      return null; // unreadable: the storage notices say so; the dashboard goes on without it
    }
    const figures = meetingFigures(meeting);
    this.remember(entries, id, stamp, meeting, figures);
    if (stamp) this.checked.add(id);
    return figures;
  }

  private remember(entries: Map<string, Entry>, id: string, file: FileStamp | null, meeting: Meeting, figures: MeetingFigures) {
    entries.set(id, { file, revision: meeting.revision, updatedAt: meeting.updatedAt, figures });
    this.dirty = true;
  }

  private fileIs(id: string, stamp: FileStamp | null): boolean {
    return stamp !== null && sameStamp(stamp, this.stamp(id));
  }

  private stamp(id: string): FileStamp | null {
    return fileStamp(`${this.meetingPrefix}${id}.json`);
  }

  /**
   * The stored entries, or none when the file is missing, unreadable or not this format
   * (figureCacheFormat.ts). `zone` null: entries of any zone, kept apart until zoneIs() compared it.
   */
  private load(zone: string | null): Map<string, Entry> {
    let bytes: Buffer;
    try {
      removeTempFiles(this.dir);
      bytes = fs.readFileSync(this.file);
    } catch {
      return new Map();
    }
    const decoded = decodeFigureFile(bytes, zone);
    if (!decoded) return new Map();
    if (zone === null) this.fileZone = decoded.zone;
    if (decoded.damaged > 0) this.dirty = true; // recomputed, and the file rewritten without them
    return decoded.entries;
  }

  private scheduleSave(): void {
    if (this.timer || this.saveAfterMs < 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.saveAfterMs).unref(); // never holds a closing process open; close() writes it anyway
  }

  /**
   * Once this process's zone is known: entries read from a file of another zone are dropped whole
   * (weeks are local days), before any is used or written back. Cleared in place, so every holder of
   * the map sees it.
   */
  private zoneIs(zone: () => string): void {
    if (this.fileZone === null) return;
    if (this.fileZone !== zone()) this.entries?.clear();
    this.fileZone = null;
  }

  /** Writes the entries if they changed: whole, under a temporary name, then renamed over the old file. */
  flush(): void {
    if (!this.dirty || !this.entries) return;
    this.zoneIs(localZone);
    const temp = `${this.file}.tmp-${process.pid}`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(temp, encodeFigureFile(this.entries, localZone()));
      fs.renameSync(temp, this.file);
      this.dirty = false;
    } catch {
      // Only a cache: the next session recomputes what it cannot find. A full disk must not fail a close.
      fs.rmSync(temp, { force: true });
    }
  }

  /**
   * On close, after every save is in its file or journal (`saved`: the kernel, or null when the
   * disk refused some): figures computed from a meeting in memory are stamped with its file now.
   * Should the file still lag behind (a journal the disk would not fold), the next start folds that
   * journal, which rewrites the file and so changes the stamp: the entry is then recomputed.
   */
  close(saved: Pick<FigureSource, 'loadedMeeting'> | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [id, entry] of saved && this.entries ? this.entries : []) {
      const memory = entry.file === null ? saved!.loadedMeeting(id) : undefined;
      if (!memory || memory.revision !== entry.revision || memory.updatedAt !== entry.updatedAt) continue;
      entry.file = this.stamp(id);
      this.dirty = true;
    }
    this.flush();
  }
}

/**
 * A write a crash cut short leaves its temporary file; the lock is held, so none is being written
 * now. The JSON file of formats 1-4 is never read again.
 */
function removeTempFiles(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names)
    if (name.startsWith(`${FIGURE_CACHE_FILE}.tmp-`) || name === OLD_FIGURE_CACHE_FILE || name.startsWith(`${OLD_FIGURE_CACHE_FILE}.tmp-`))
      fs.rmSync(path.join(dir, name), { force: true });
}
