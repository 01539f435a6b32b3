import fs from 'node:fs';
import path from 'node:path';
import {
  emptyLibraryIndex,
  libraryIndexSchema,
  meetingSchema,
  summarizeMeeting,
  type BackupInfo,
  type LibraryIndex,
  type Meeting,
} from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { BackupStore } from './backups';
import { DamagedDocumentError, DocumentFile, storageError, type DamageReports, type StoreFileClass } from './documentStore';
import { syncDirectory } from './journal';
import { quarantineCopy, quarantineFile, removeLeftoverTempFiles } from './quarantine';

export const INDEX_NAME = 'library';
export const MEETINGS_DIR = 'meetings';
export const TRASH_DIR = 'trash';
const MEETING_FILE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})\.json$/;
const MEETING_JOURNAL = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})\.journal$/;

/**
 * The data folder on disk: `library.json` (the index: meeting summaries, personas, tags, settings)
 * and `meetings/<id>.json`, one file per meeting, each with a `.journal` of its latest saves while
 * they are being made (documentStore.ts). Deleted meetings move to `trash/`, damaged files to
 * `quarantine/`, snapshots live in `backups/`. Pure I/O, validation and recovery: the service
 * keeps the documents in memory and decides what to write.
 */
export class LibraryStorage {
  readonly meetingsDir: string;
  readonly trashDir: string;
  readonly backups: BackupStore;
  /** What happened to the data that the user must be told; the service shows these. */
  readonly notices: string[] = [];
  private readonly indexFile: DocumentFile<LibraryIndex>;
  private readonly meetingFiles = new Map<string, DocumentFile<Meeting>>();
  /** The meetings with a journal when open() listed the folder; null before. Every later journal is made by a DocumentFile here. */
  private journalsAtOpen: Set<string> | null = null;

  constructor(
    readonly dataDir: string,
    private readonly StoreClass: StoreFileClass,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.meetingsDir = path.join(dataDir, MEETINGS_DIR);
    this.trashDir = path.join(dataDir, TRASH_DIR);
    this.indexFile = new DocumentFile(StoreClass, dataDir, INDEX_NAME, libraryIndexSchema, 'library', this.damageReports);
    this.backups = new BackupStore(dataDir, () => [
      this.indexFile.path,
      ...this.listMeetingFiles(this.meetingsDir).map((id) => this.meetingPath(id)),
    ]);
  }

  get indexPath(): string {
    return this.indexFile.path;
  }

  private meetingFile(id: string): DocumentFile<Meeting> {
    let file = this.meetingFiles.get(id);
    if (!file) {
      const journalMayExist = this.journalsAtOpen?.has(id) ?? true;
      file = new DocumentFile(this.StoreClass, this.meetingsDir, id, meetingSchema, 'meeting', this.damageReports, journalMayExist);
      this.meetingFiles.set(id, file);
    }
    return file;
  }

  meetingPath(id: string): string {
    return this.meetingFile(id).path;
  }

  /** What a document file found damaged: keep it (a copy of a journal, which is repaired in place) and tell the user. */
  private readonly damageReports: DamageReports = {
    journal: (journal, problem) => {
      let copy: string | null = null;
      try {
        copy = quarantineCopy(this.dataDir, journal, this.now());
      } catch {
        // The notice matters more than the copy.
      }
      this.notices.push(`The save journal ${journal} ${problem}.` + (copy ? ` A copy of it is kept at ${copy}.` : ''));
      return copy !== null;
    },
    file: (error) => {
      let where: string;
      try {
        where = `It was moved to ${quarantineFile(this.dataDir, error.file, this.now())}`;
      } catch (moveError) {
        // conf cannot replace it then, so the save journal keeps the newer version until it can.
        where = `It could not be moved aside (${(moveError as Error).message})`;
      }
      this.notices.push(`${error.message} ${where}; the newer version in its save journal was used.`);
    },
  };

  /**
   * Writes every journaled save into its document's file and deletes the journals: after a pause
   * in saving, before a backup or restore, and on close. Tries every document, then throws the
   * first storage_error, if any; what failed stays in its journal, safe on disk.
   */
  compactJournals(): void {
    let failure: unknown;
    for (const file of this.documentFiles()) {
      try {
        file.compact();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure) throw failure;
  }

  /** Closes the journals' files (on close, after compactJournals). */
  closeJournals(): void {
    for (const file of this.documentFiles()) file.close();
  }

  /**
   * Every document file this process has opened: the only ones that can have a journal (see
   * open()). Meetings before the index, as Persistence writes them.
   */
  private documentFiles(): DocumentFile<unknown>[] {
    return [...this.meetingFiles.values(), this.indexFile] as DocumentFile<unknown>[];
  }

  /** A snapshot of the documents as they are now, journaled saves included. */
  backUp(reason: string, at: Date): BackupInfo {
    this.compactJournals();
    return this.backups.create(reason, at);
  }

  /**
   * Reads the index, recovering it if damaged, and squares it with the meeting files: a meeting
   * written just before a crash (file present, no index entry) is adopted; a meeting moved to the
   * trash just before a crash is dropped. Temp files a crash left behind are removed first.
   */
  open(): { index: LibraryIndex } {
    // One listing of the meetings folder serves the clean-up, the journals and the files: each
    // listing of 1,000 files costs about 1 ms, and opening is on the path of every start and export.
    const meetingNames = listFolder(this.meetingsDir);
    removeLeftoverTempFiles([this.dataDir, this.meetingsDir, this.backups.dir], new Map([[this.meetingsDir, meetingNames]]));
    const index = this.readIndexRecovering();
    const onDisk = new Set(idsIn(meetingNames, MEETING_FILE));
    // A journal outlives a run after a crash, or when the disk refused the last compaction: fold
    // each into its file now (reading does), so the folder is whole before anything lists, backs
    // up or restores it.
    this.journalsAtOpen = new Set(idsIn(meetingNames, MEETING_JOURNAL));
    for (const id of this.journalsAtOpen) {
      try {
        this.readMeeting(id);
        onDisk.add(id); // its file is there now, if it was not
      } catch (error) {
        // Damaged beyond repair (already told) or unreadable: opening the meeting says so again.
        if (!(error instanceof ApiError)) throw error;
      }
    }
    const known = new Set(index.meetings.map((summary) => summary.id));
    let changed = false;

    for (const id of onDisk) {
      if (known.has(id)) continue;
      let meeting: Meeting;
      try {
        meeting = this.readMeeting(id);
      } catch (error) {
        if (error instanceof ApiError) continue; // already quarantined and told; nothing to adopt
        throw error;
      }
      index.meetings.push(summarizeMeeting(meeting));
      this.notices.push(`Recovered the meeting "${meeting.title}", which was missing from the library index.`);
      changed = true;
    }
    const trashed = new Set(this.listMeetingFiles(this.trashDir));
    const kept = index.meetings.filter((summary) => onDisk.has(summary.id) || !trashed.has(summary.id));
    if (kept.length !== index.meetings.length) {
      index.meetings = kept;
      changed = true;
    }
    if (changed) this.writeIndex(index);
    return { index };
  }

  private readIndexRecovering(): LibraryIndex {
    try {
      return this.indexFile.read() ?? emptyLibraryIndex();
    } catch (error) {
      if (!(error instanceof DamagedDocumentError)) throw error;
      const moved = quarantineFile(this.dataDir, this.indexFile.path, this.now());
      const recovered = this.newestGoodCopy('library.json', (text, file) => this.indexFile.parse(text, file));
      const index = recovered?.document ?? emptyLibraryIndex();
      this.writeIndex(index);
      this.notices.push(
        `${error.message} It was moved to ${moved}. ` +
          (recovered
            ? `The library index from the backup of ${recovered.backup.createdAt} was restored; meetings saved since then were found again from their files.`
            : 'No backup held a good copy: meetings were found again from their files, but personas, custom tags and settings could not be recovered.'),
      );
      return index;
    }
  }

  /** The newest version of a document, among the backups, that reads and validates. */
  private newestGoodCopy<T>(relative: string, parse: (text: string, file: string) => T): { document: T; backup: BackupInfo } | null {
    for (const backup of this.backups.list()) {
      const file = this.backups.fileIn(backup.id, relative);
      try {
        return { document: parse(fs.readFileSync(file, 'utf8'), file), backup };
      } catch {
        // Missing or damaged in this backup too: try an older one.
      }
    }
    return null;
  }

  writeIndex(index: LibraryIndex): void {
    this.indexFile.write(index);
  }

  /**
   * Reads a meeting's file. A damaged one is quarantined and its newest good version restored from
   * the backups (the user is told); with no good version left, a storage_error says where it went.
   */
  readMeeting(id: string): Meeting {
    const file = this.meetingFile(id);
    let meeting: Meeting | undefined;
    try {
      meeting = file.read();
    } catch (error) {
      if (!(error instanceof DamagedDocumentError)) throw error;
      const moved = quarantineFile(this.dataDir, file.path, this.now());
      const recovered = this.newestGoodCopy(path.join(MEETINGS_DIR, `${id}.json`), (text, name) => file.parse(text, name));
      if (!recovered) {
        const message = `${error.message} It was moved to ${moved}, and no backup holds a good copy of it.`;
        this.notices.push(message);
        throw new ApiError('storage_error', message);
      }
      file.write(recovered.document);
      this.notices.push(
        `${error.message} It was moved to ${moved}, and "${recovered.document.title}" was restored as it was in the backup of ${recovered.backup.createdAt}.`,
      );
      meeting = recovered.document;
    }
    if (!meeting) throw new ApiError('storage_error', `The meeting file ${this.meetingPath(id)} is missing.`);
    if (meeting.id !== id) {
      throw new ApiError('storage_error', `The meeting file ${this.meetingPath(id)} holds another meeting (${meeting.id}).`);
    }
    return meeting;
  }

  writeMeeting(meeting: Meeting): void {
    this.meetingFile(meeting.id).write(meeting);
  }

  /** Moves a meeting's file, with its latest saves, to the trash folder (kept, so a deletion can be undone by hand). */
  trashMeeting(id: string): void {
    const file = this.meetingFile(id);
    file.compact(); // throws, changing nothing, if the disk refuses
    file.removeJournal(); // so no journal brings it back at the next start
    try {
      syncDirectory(this.meetingsDir); // the journal's deletion before the move, even through a power cut
      fs.mkdirSync(this.trashDir, { recursive: true });
      fs.renameSync(file.path, path.join(this.trashDir, `${id}.json`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw storageError(file.path, 'move to the trash', error);
    }
    file.close();
    this.meetingFiles.delete(id); // a file of that name, if ever made again, starts without a journal
  }

  /**
   * Puts the data folder back as it was in a backup. A 'before-restore' backup is taken first, so
   * restoring it undoes this. Meetings the backup does not have go to the trash, not away.
   * Every document in the backup is validated before anything on disk changes.
   */
  restoreBackup(backupId: string): { restored: BackupInfo; undoBackupId: string } {
    const restored = this.backups.list().find((backup) => backup.id === backupId);
    if (!restored) throw new ApiError('not_found', `There is no backup ${backupId}.`);
    const files = this.backups.filesIn(backupId);
    for (const relative of files) {
      const file = this.backups.fileIn(backupId, relative);
      const parser = relative === 'library.json' ? this.indexFile : this.meetingFile(path.basename(relative, '.json'));
      try {
        parser.parse(fs.readFileSync(file, 'utf8'), file);
      } catch (error) {
        throw new ApiError('storage_error', `That backup cannot be restored: ${(error as Error).message}`);
      }
    }
    const before = this.backUp('before-restore', this.now()); // every journaled save is in it
    // Nothing a journal holds may override what is restored: remove them all (each is in the backup).
    for (const file of this.documentFiles()) file.removeJournal();
    fs.mkdirSync(this.meetingsDir, { recursive: true });
    syncDirectory(this.dataDir); // the deletions before the copies, even through a power cut
    syncDirectory(this.meetingsDir);
    const inBackup = new Set(files.filter((f) => f !== 'library.json').map((f) => path.basename(f, '.json')));
    for (const id of this.listMeetingFiles(this.meetingsDir)) if (!inBackup.has(id)) this.trashMeeting(id);
    for (const relative of files) {
      const target = path.join(this.dataDir, relative);
      const temp = `${target}.restoring`;
      fs.copyFileSync(this.backups.fileIn(backupId, relative), temp);
      fs.renameSync(temp, target);
    }
    if (!files.includes('library.json')) this.writeIndex(emptyLibraryIndex());
    return { restored, undoBackupId: before.id };
  }

  private listMeetingFiles(dir: string): string[] {
    return idsIn(listFolder(dir), MEETING_FILE);
  }
}

/** The names in a folder; none when it does not exist. */
function listFolder(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw storageError(dir, 'list', error);
  }
}

/** The ids in the names that match `pattern` (its first group is the id). */
function idsIn(names: string[], pattern: RegExp): string[] {
  return names.flatMap((name) => {
    const match = pattern.exec(name);
    return match ? [match[1]!] : [];
  });
}
