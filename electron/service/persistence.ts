import type { BackupInfo, LibraryIndex, Meeting, StorageStatus } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { storageError } from '../storage/documentStore';
import type { LibraryStorage } from '../storage/libraryStorage';

export const BACKUP_INTERVAL_MS = 15 * 60_000;
/** Saves go to each document's journal; this long after the last one, the journals are folded into the files. */
export const COMPACT_AFTER_MS = 2_000;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** A scheduled backup held back by a running evidence import looks again this often. */
export const BACKUP_HOLD_RETRY_MS = 1_000;

export interface PersistenceOptions {
  storage: LibraryStorage;
  /** The documents as they are in memory now: what gets written. */
  documents: { meeting(id: string): Meeting | undefined; index(): LibraryIndex };
  now: () => Date;
  /** Snapshots at most this often while data changes; null turns them off. */
  backupIntervalMs: number | null;
  /** Called whenever what storageStatus() says may have changed. */
  onStatusChange: () => void;
  /** How long after the last save the journals are compacted (tests shorten it). */
  compactAfterMs?: number;
}

/**
 * Getting the in-memory documents onto disk: which ones still wait to be written, retries with
 * backoff when the disk refuses (full, read-only), and backups at most every interval while data
 * changes. The service decides what changed; this decides when and how it reaches the disk.
 */
export class Persistence {
  private readonly unsavedMeetings = new Set<string>();
  private indexUnsaved = false;
  private lastWriteError: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = RETRY_FIRST_MS;
  private backupTimer: ReturnType<typeof setTimeout> | undefined;
  private compactTimer: ReturnType<typeof setTimeout> | undefined;
  private changedSinceBackup = false;
  private lastBackupAt: string | null;
  /** Names what holds backups back (a running evidence import), or null; see holdBackupsWhile. */
  private backupHold: () => string | null = () => null;

  constructor(private readonly options: PersistenceOptions) {
    this.lastBackupAt = options.storage.backups.list()[0]?.createdAt ?? null;
  }

  /**
   * While `busy` names something (a running evidence import), a backup asked for by hand is
   * refused (conflict) and a scheduled one waits until it is over. The backup on close is taken
   * anyway: it holds only committed evidence, and closing cancels the import.
   */
  holdBackupsWhile(busy: () => string | null): void {
    this.backupHold = busy;
  }

  /** The first refusal while collecting (see collectRefusals); null when not collecting. */
  private collected: { refused: ApiError | null } | null = null;

  /** Writes a changed meeting and/or the index; throws a "kept but not saved" storage_error if the disk refuses. */
  save(meetingId: string | null, indexChanged: boolean): void {
    if (meetingId) this.unsavedMeetings.add(meetingId);
    if (indexChanged) this.indexUnsaved = true;
    if (!this.flush()) {
      const refused = new ApiError(
        'storage_error',
        `${this.lastWriteError} Your change is kept in Empty Chair and will be written as soon as the disk allows; it keeps trying.`,
      );
      if (!this.collected) throw refused;
      this.collected.refused ??= refused;
    }
  }

  /**
   * Runs `work` with refused saves collected instead of thrown, so a change of several steps is
   * made whole in memory (and written later) rather than stopped half-way; returns its value and
   * the first refusal.
   */
  collectRefusals<T>(work: () => T): { value: T; refused: ApiError | null } {
    if (this.collected) return { value: work(), refused: null }; // the outer call reports
    const collected: { refused: ApiError | null } = { refused: null };
    this.collected = collected;
    try {
      return { value: work(), refused: collected.refused };
    } finally {
      this.collected = null;
    }
  }

  /** A deleted meeting has nothing left to write. */
  forget(meetingId: string): void {
    this.unsavedMeetings.delete(meetingId);
  }

  unsavedCount(): number {
    return this.unsavedMeetings.size + (this.indexUnsaved ? 1 : 0);
  }

  /**
   * Writes every unsaved document, meeting files before the index (so a crash in between leaves a
   * file the next start adopts, never an index entry without a file). Returns true when all are on
   * disk; otherwise schedules a retry with backoff.
   */
  flush(): boolean {
    const { storage, documents } = this.options;
    const hadProblem = this.lastWriteError !== null;
    try {
      for (const id of [...this.unsavedMeetings]) {
        const meeting = documents.meeting(id);
        if (meeting) storage.writeMeeting(meeting);
        this.unsavedMeetings.delete(id);
      }
      if (this.indexUnsaved) {
        storage.writeIndex(documents.index());
        this.indexUnsaved = false;
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.lastWriteError = error.message;
      this.scheduleRetry();
      this.options.onStatusChange();
      return false;
    }
    this.lastWriteError = null;
    this.retryDelay = RETRY_FIRST_MS;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.changedSinceBackup = true;
    this.scheduleCompaction();
    this.scheduleBackup();
    if (hadProblem) this.options.onStatusChange();
    return true;
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.flush();
    }, this.retryDelay);
    this.retryTimer.unref?.();
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
  }

  /**
   * Folds the journals into the files once saving pauses (each save pushes it back). If the disk
   * refuses, the saves are safe in their journals, and it tries again at the next pause.
   */
  private scheduleCompaction(): void {
    clearTimeout(this.compactTimer);
    this.compactTimer = setTimeout(() => {
      this.compactTimer = undefined;
      try {
        this.options.storage.compactJournals();
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
    }, this.options.compactAfterMs ?? COMPACT_AFTER_MS);
    this.compactTimer.unref?.();
  }

  private scheduleBackup(): void {
    const interval = this.options.backupIntervalMs;
    if (interval === null || this.backupTimer !== undefined) return;
    const since = this.lastBackupAt ? this.options.now().getTime() - Date.parse(this.lastBackupAt) : Infinity;
    this.backupTimer = setTimeout(this.scheduledBackup, Math.max(0, interval - since));
    this.backupTimer.unref?.();
  }

  private readonly scheduledBackup = (): void => {
    this.backupTimer = undefined;
    if (!this.changedSinceBackup) return;
    if (this.backupHold() === null) return this.tryBackUp('scheduled');
    this.backupTimer = setTimeout(this.scheduledBackup, BACKUP_HOLD_RETRY_MS);
    this.backupTimer.unref?.();
  };

  backUp(reason: string): BackupInfo {
    const { storage, now } = this.options;
    const busy = reason === 'close' ? null : this.backupHold();
    if (busy !== null) {
      throw new ApiError('conflict', `${busy} is running; back up once it is done (or cancel it). Nothing was backed up.`);
    }
    let backup: BackupInfo;
    try {
      backup = storage.backUp(reason, now());
      storage.backups.prune(now());
    } catch (error) {
      throw storageError(storage.backups.dir, 'write a backup in', error);
    }
    this.changedSinceBackup = false;
    this.lastBackupAt = backup.createdAt;
    this.options.onStatusChange();
    return backup;
  }

  private tryBackUp(reason: string): void {
    try {
      this.backUp(reason);
    } catch (error) {
      this.options.storage.notices.push((error as Error).message);
      this.options.onStatusChange();
    }
  }

  status(): StorageStatus {
    return {
      dataDir: this.options.storage.dataDir,
      notices: [...this.options.storage.notices],
      unsavedChanges: this.unsavedCount(),
      lastWriteError: this.lastWriteError,
      lastBackupAt: this.lastBackupAt,
    };
  }

  /**
   * On clean close: one last try at unsaved changes, and a backup if anything changed since the
   * last one. Returns how many changes could still not be written, so the caller can say so.
   */
  close(): { unsavedChanges: number } {
    clearTimeout(this.retryTimer);
    clearTimeout(this.backupTimer);
    this.retryTimer = this.backupTimer = undefined;
    const saved = this.unsavedCount() === 0 || this.flush();
    clearTimeout(this.retryTimer);
    clearTimeout(this.compactTimer);
    this.retryTimer = this.compactTimer = undefined;
    const { storage } = this.options;
    try {
      storage.compactJournals();
    } catch (error) {
      // What is not in its file is in its journal, which the next start folds in.
      if (!(error instanceof ApiError)) throw error;
    }
    if (saved && this.changedSinceBackup && this.options.backupIntervalMs !== null) this.tryBackUp('close');
    storage.closeJournals();
    return { unsavedChanges: this.unsavedCount() };
  }
}
