/**
 * The kernel's side of the ledger file (ledger/snapshot.ts): when it is read, which meetings it may
 * keep, and when it is written. A meeting's rows are kept only while its file is the one they were
 * read from; rows that came from memory (a change of this session) are stamped with their file only
 * on a clean close, once every save is on disk; anything else is read again from its file.
 */
import path from 'node:path';
import type { Meeting } from '../../../shared/domain';
import type { LedgerIndex } from '../ledgerIndex';
import { fileStamp, sameStamp, StampsInWorker, STAMPS_IN_WORKER_FROM } from '../figureStamps';
import type { MeetingRecord } from './rows';
import type { LedgerReadAhead } from './readWorker';
import { LedgerBuildAhead } from './buildAhead';
import { dirStamp, LEDGER_FILE, readAhead, readLedger, writeLedger } from './snapshot';

/** What the keeper needs of the kernel. */
export interface LedgerOwner {
  readonly ledger: LedgerIndex;
  /** The meetings the library index lists now. */
  listed(): Set<string>;
  isUnreadable(id: string): boolean;
  /** True while the meeting's newest version may be in its save journal, not its file (storage knows, no listing). */
  journaled(id: string): boolean;
  /** The meeting if memory holds it (opened or changed), never read. */
  loadedMeeting(id: string): Meeting | undefined;
}

/**
 * How long the first load waits for the worker reading the file before reading it itself. It
 * starts at service open, so it has usually finished when the first list is served.
 */
const WAIT_FOR_READ_MS = 500;
/** How often a swap to the file's form looks whether the worker has read it. */
const SWAP_POLL_MS = 20;
/** How long after the build the file is written (and on close). */
const WRITE_AFTER_MS = 2_000;
/**
 * Fewer meetings are built on the main thread: under 100 ms, with little garbage (ledger/build.ts);
 * a worker's own start costs 50-130 ms of CPU, taken from the main thread on a 2-core machine.
 */
export const BUILD_IN_WORKER_FROM = 200;
/** A ledger file smaller than this (about 170 meetings at 6 KB each) is read on the main thread, for the same reason. */
export const READ_IN_WORKER_FROM_BYTES = 1024 * 1024;
/**
 * How long a search waits for the worker's build (4-5 s at 10,000 meetings, the main thread's own
 * build as long) before building the ledger itself; blocked meanwhile, as a build of its own would be.
 */
const BUILD_WAIT_MS = 10_000;

export class LedgerKeeper {
  readonly file: string;
  private read = false;
  /** The ledger's version the file holds (LedgerIndex.version); -1 when it holds none of it. */
  private written = -1;
  private timer: NodeJS.Timeout | null = null;
  /** The file being read on a worker thread (`prefetch`); null when not started or taken. */
  private ahead: LedgerReadAhead | null = null;
  private prefetched = false;
  /** Workers read and stamp whatever the library's size (`prefetch`'s option, for tests of them). */
  private anySize = false;
  /** The meeting files' stamps being taken on a worker (`stampsAhead`), until `load` takes them. */
  private stamping: StampsInWorker | null = null;
  /** The same stamps, for the figure cache (which checks their generation). */
  stampsAtOpen: StampsInWorker | null = null;
  /** True while the ledger in memory is the file's form (read from it, or swapped to it after a build). */
  private fileBacked = false;
  private closing = false;
  /** The ledger being built on a worker (`buildAhead`), until `load` takes its file. */
  private build: LedgerBuildAhead | null = null;

  constructor(
    dataDir: string,
    private readonly meetingsDir: string,
    /** The bundle's worker entry that builds the ledger (electron/ledgerBuildWorker.ts); null: builds stay on the main thread. */
    private readonly buildWorker: string | null = null,
  ) {
    this.file = path.join(dataDir, 'cache', LEDGER_FILE);
  }

  /** The meeting file's identity ([inode, size, mtime]), or null when there is none. */
  stamp(id: string): MeetingRecord['stamp'] {
    return fileStamp(path.join(this.meetingsDir, `${id}.json`)); // null: read again (and refused there, clearly)
  }

  /**
   * Starts taking the stamps of the listed meetings' files on a worker thread (at service open), for
   * `load` to compare each kept meeting with its file without 10,000 stats on the main thread. The
   * dashboard's figure cache uses them too (`stampsAtOpen`): one pass over the files.
   */
  stampsAhead(ids: readonly string[]): void {
    if (this.read) return;
    if (this.stampsAtOpen) return this.stampsAtOpen.begin(ids); // started by `prefetch`, waiting for them
    if (!this.anySize && ids.length < STAMPS_IN_WORKER_FROM) return; // `load` stats them here
    this.stampsAtOpen = this.stamping = new StampsInWorker(`${this.meetingsDir}${path.sep}`, ids, 0);
  }

  /** The stamps the worker took (waiting for it a little), by id; null when it failed or lags. */
  private takeStamps(): ((id: string) => MeetingRecord['stamp'] | undefined) | null {
    const stamping = this.stamping;
    this.stamping = null;
    const stampOf = stamping?.take(WAIT_FOR_READ_MS);
    if (!stamping || !stampOf) return null;
    const at = new Map<string, number>();
    stamping.ids.forEach((id, i) => at.set(id, i));
    return (id) => {
      const i = at.get(id);
      return i === undefined ? undefined : stampOf(i);
    };
  }

  /**
   * Starts reading the file on a worker thread (at service open: Kernel's constructor), when it is
   * large enough to repay the worker's start (`anySize`: whatever its size, for tests of the worker).
   */
  prefetch(options: { failForTest?: boolean; anySize?: boolean } = {}): void {
    if (this.read || this.prefetched) return;
    this.prefetched = true;
    this.anySize = options.anySize === true;
    if (!this.anySize && (fileStamp(this.file)?.[1] ?? 0) < READ_IN_WORKER_FROM_BYTES) return;
    this.ahead = readAhead(this.file, options);
    // The stamps' worker starts now too, so its own start overlaps the open; its ids come after it.
    this.stampsAtOpen = this.stamping = StampsInWorker.early(`${this.meetingsDir}${path.sep}`, 0);
  }

  /** Runs the library's open while the file is read ahead; an open that throws lets the read go (no descriptor or worker left). */
  whileReadingAhead<T>(open: () => T): T {
    try {
      return open();
    } catch (error) {
      this.ahead?.discard();
      this.ahead = null;
      this.stampsAtOpen?.begin(null); // it stops
      throw error;
    }
  }

  /** After a restore replaced the files: stamps taken, or a build started, before are no proof of anything. */
  filesReplaced(): void {
    this.stamping = null;
    this.build?.discard();
    this.build = null;
  }

  /** True once the kernel closed: the warm-up stops (a build it waited for was stopped too). */
  get closed(): boolean {
    return this.closing;
  }

  /** True when `load` will not wait: the file was read ahead (or failed to be), or none is being read. */
  get readAheadSettled(): boolean {
    return this.read || !this.ahead || this.ahead.settled;
  }

  /**
   * Before the ledger's first build step or search: the ledger as a session left it, each meeting
   * kept only while its file is the one it was read from. Meetings not kept, and those it lacks, are
   * left to the build. With no file, a big build starts on a worker (`buildAhead`); what it wrote is
   * taken once it is done, or at once by a search (`wait`), which waits for it.
   */
  load(owner: LedgerOwner, wait = false): void {
    if (!this.read) {
      this.read = true;
      const ahead = this.ahead;
      this.ahead = null;
      const raw = ahead?.take(WAIT_FOR_READ_MS) ?? null;
      // A file the worker refused (damaged, cut short) is not read and summed again on this thread.
      const loaded = ahead?.refused ? null : readLedger(this.file, dirStamp(this.meetingsDir), raw);
      if (loaded) this.adoptLoaded(owner, loaded);
      else this.buildAhead(owner);
    }
    if (this.build && (wait || this.build.settled)) this.takeBuild(owner);
  }

  /** While a worker builds the ledger: the warm-up waits for this instead of building it too. */
  get building(): Promise<void> | null {
    return this.build && !this.build.settled ? this.build.exited : null;
  }

  /** Starts building the listed meetings' ledger on a worker, when there are enough to matter and a worker entry. */
  private buildAhead(owner: LedgerOwner): void {
    const ids = [...owner.listed()].filter((id) => !owner.isUnreadable(id) && !owner.journaled(id)); // those the main thread reads
    if (ids.length < BUILD_IN_WORKER_FROM) return;
    this.build = LedgerBuildAhead.start(this.buildWorker, { file: this.file, meetingsDir: this.meetingsDir, ids });
  }

  /** The file the worker wrote, checked as any file is; a build that failed or lags leaves the ledger to the main thread. */
  private takeBuild(owner: LedgerOwner): void {
    const build = this.build!;
    this.build = null;
    if (!build.wait(BUILD_WAIT_MS)) {
      // Said, so a packed app whose worker cannot load its entry does not fall back unnoticed.
      const why = build.failure ?? (build.settled ? 'it failed' : `it took over ${BUILD_WAIT_MS / 1000} s`);
      console.error(`Empty Chair: the ledger was not built on a worker (${why}); building it on the main thread.`);
      return build.discard();
    }
    const loaded = readLedger(this.file, null);
    if (loaded) this.adoptLoaded(owner, loaded);
  }

  private adoptLoaded(owner: LedgerOwner, loaded: NonNullable<ReturnType<typeof readLedger>>): void {
    const { ledger } = loaded;
    const asRead = ledger.version;
    const listed = owner.listed();
    // Every kept meeting against its own file: a file edited in place (an editor, a sync client)
    // keeps its inode and leaves the folder's times alone, so the folder's stamp proves nothing.
    const stampOf = this.takeStamps();
    for (const record of ledger.rows.records) {
      if (!record) continue;
      const { id, stamp } = record;
      const holds =
        listed.has(id) &&
        !owner.isUnreadable(id) &&
        stamp !== null &&
        !owner.journaled(id) &&
        sameStamp(stamp, stampOf?.(id) ?? this.stamp(id));
      if (!holds) ledger.remove(id);
    }
    // Meetings indexed before this (opened at once): memory wins; any other is read again by the build.
    for (const record of owner.ledger.rows.records) {
      if (!record) continue;
      const meeting = owner.loadedMeeting(record.id);
      if (meeting) ledger.update(meeting, record.stamp);
      else ledger.remove(record.id);
    }
    const unchanged = ledger.version === asRead;
    owner.ledger.adopt(ledger);
    this.fileBacked = true;
    if (unchanged) this.written = owner.ledger.version;
  }

  /** A few seconds after the build, so a session that ends without closing leaves the file too. */
  schedule(owner: LedgerOwner, complete: () => boolean): void {
    if (this.closing || this.timer || this.written === owner.ledger.version) return; // closed: the close wrote, or chose not to
    this.timer = setTimeout(() => {
      this.timer = null;
      if (complete() && this.write(owner) && !this.fileBacked) this.swapToFile(owner);
    }, WRITE_AFTER_MS).unref();
  }

  /** True once the ledger in memory is the file's form (see `swapToFile`). */
  get inFileForm(): boolean {
    return this.fileBacked;
  }

  /**
   * After a build is written: the ledger as read back from that file takes the build's place, so
   * the build's arrays (grown by doubling, every string and posting in memory) can go (finding 19).
   * Read on a worker, then parsed and checked as any file is; used only while memory is still the
   * version written (no change since), else the next write and session sort it out.
   */
  private swapToFile(owner: LedgerOwner): void {
    const version = owner.ledger.version;
    const ahead = readAhead(this.file);
    if (!ahead) return;
    const swap = () => {
      if (!ahead.settled && !this.closing) return void setTimeout(swap, SWAP_POLL_MS).unref();
      if (this.closing || owner.ledger.version !== version || this.written !== version) return ahead.discard();
      const raw = ahead.take(0);
      const loaded = ahead.refused ? null : readLedger(this.file, null, raw);
      if (!loaded || owner.ledger.version !== version) return;
      owner.ledger.adopt(loaded.ledger);
      this.written = owner.ledger.version;
      this.fileBacked = true;
    };
    swap();
  }

  /** True when the file now holds memory's version. */
  private write(owner: LedgerOwner): boolean {
    const version = owner.ledger.version;
    if (!this.read) return false; // never read: the file may hold more than memory
    if (this.written === version) return true;
    if (!writeLedger(this.file, owner.ledger, dirStamp(this.meetingsDir))) return false;
    this.written = version;
    return true;
  }

  /**
   * On close, after every save is in its file or journal (`saved`; false when the disk refused
   * some): meetings indexed from memory are stamped with their file now, then the ledger is
   * written. Should a file still lag behind (a journal not yet folded), the next start folds that
   * journal, which rewrites the file and so changes its stamp: the meeting is then read again.
   */
  close(owner: LedgerOwner, saved: boolean): void {
    this.closing = true;
    this.ahead?.discard();
    this.ahead = null;
    const building = this.build;
    this.build?.discard();
    this.build = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Memory holds only this session's changes then: its file would hide the worker's, should that be written.
    if (building) return;
    for (const record of saved ? owner.ledger.rows.records : []) {
      const memory = record && record.stamp === null ? owner.loadedMeeting(record.id) : undefined;
      if (!memory || memory.revision !== record!.revision || memory.updatedAt !== record!.updatedAt) continue;
      record!.stamp = this.stamp(record!.id);
      this.written = -1;
    }
    this.write(owner);
  }
}
