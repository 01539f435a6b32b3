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
import { evidenceInBackup, restoreEvidence } from './evidenceBackup';
import { DocumentDigest } from './documentDigest';
import { DamagedDocumentError, DocumentFile, storageError, type DamageReports, type StoreFileClass } from './documentStore';
import {
  discardImported,
  finishRollBack,
  interruptedImportNotice,
  unfinishedImport,
  writeImport,
  type ImportRecord,
  type ImportTarget,
} from './importTransaction';
import { idsIn, listFolder } from './folders';
import { syncDirectory } from './journal';
import { Quarantine, removeLeftoverTempFiles } from './quarantine';
import { indexRestoreNotice, newestGoodCopy, nothingToRestore } from './recovery';

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
  private readonly quarantine: Quarantine;
  /** Meetings that could not be read or restored, with the error (told once) every later read gets. Cleared by open(). */
  private readonly lost = new Map<string, ApiError>();
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
    this.quarantine = new Quarantine(dataDir, now, (notice) => this.notices.push(notice));
    this.indexFile = new DocumentFile(StoreClass, dataDir, INDEX_NAME, libraryIndexSchema, 'library', this.damageReports);
    this.indexFile.keepDigest(new DocumentDigest(path.join(dataDir, 'cache'), INDEX_NAME)); // a start reads it unchecked while unchanged
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
      const misplaced = (meeting: Meeting) =>
        meeting.id === id ? null : `it holds another meeting ("${meeting.title}", id ${meeting.id})`;
      file = new DocumentFile(
        this.StoreClass,
        this.meetingsDir,
        id,
        meetingSchema,
        'meeting',
        this.damageReports,
        journalMayExist,
        misplaced,
      );
      this.meetingFiles.set(id, file);
    }
    return file;
  }

  /** True while the meeting's newest version may be in its journal, not its file (known without a listing: see documentFiles). */
  meetingMayBeJournaled(id: string): boolean {
    return this.meetingFiles.get(id)?.journalMayExist ?? this.journalsAtOpen === null;
  }

  meetingPath(id: string): string {
    return this.meetingFile(id).path;
  }

  /** What a document file found damaged: keep it (a copy of a journal, which is repaired in place) and tell the user. */
  private readonly damageReports: DamageReports = {
    journal: (journal, problem) => {
      let copy: string | null = null;
      try {
        copy = this.quarantine.copy(journal);
      } catch {
        // The notice matters more than the copy.
      }
      this.notices.push(`The save journal ${journal} ${problem}.` + (copy ? ` A copy of it is kept at ${copy}.` : ''));
      return copy !== null;
    },
    file: (error) => {
      let where: string;
      try {
        where = `It was moved to ${this.quarantine.move(error.file)}`;
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

  /** Every document file this process opened: the only ones that can have a journal (see open()). Meetings first, as Persistence writes. */
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
    this.lost.clear();
    // An import a kill interrupted is taken out first, before its files could be adopted below.
    const interrupted = unfinishedImport(this.dataDir);
    if (interrupted) discardImported(this.importTarget(), interrupted);
    const meetingNames = listFolder(this.meetingsDir);
    removeLeftoverTempFiles([this.dataDir, this.meetingsDir, this.backups.dir], new Map([[this.meetingsDir, meetingNames]]));
    let index = this.readIndexRecovering();
    if (interrupted) {
      index = finishRollBack(this.importTarget(), index, interrupted);
      this.notices.push(interruptedImportNotice(interrupted));
    }
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
        if (error instanceof ApiError) continue; // already told; nothing to adopt
        throw error;
      }
      index.meetings.push(summarizeMeeting(meeting));
      this.notices.push(`Recovered the meeting "${meeting.title}" (${this.meetingPath(id)}), which was missing from the library index.`);
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

  /**
   * The index; a damaged one is quarantined, and a damaged or missing one restored from the newest
   * backup that holds a good copy (the user is told). A new data folder (no index, no backups)
   * starts empty without a word. An index that cannot be read stops the start, naming it.
   */
  private readIndexRecovering(): LibraryIndex {
    let index: LibraryIndex | undefined;
    try {
      index = this.indexFile.read();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (!(error instanceof DamagedDocumentError)) throw withAdvice(error);
      return this.restoreIndex(`${error.message} It was moved to ${this.quarantine.setAside(error)}.`);
    }
    return index ?? this.restoreIndex(null);
  }

  /** `problem` is what happened to the index; null when it is merely missing. */
  private restoreIndex(problem: string | null): LibraryIndex {
    const search = newestGoodCopy(this.backups, 'library.json', (bytes, file) => this.indexFile.parseBytes(bytes, file));
    if (!search.found && problem === null && search.backups === 0 && search.unreadable.length === 0) return emptyLibraryIndex();
    const index = search.found?.document ?? emptyLibraryIndex();
    this.writeIndex(index);
    this.notices.push(indexRestoreNotice(problem ?? `The library index ${this.indexFile.path} was missing.`, search));
    return index;
  }

  writeIndex(index: LibraryIndex): void {
    this.indexFile.write(index);
  }

  /**
   * Reads a meeting's file. A damaged one (or one holding another meeting) is quarantined, and a
   * damaged or missing one restored from the newest backup holding a good copy (the user is told).
   * Otherwise a storage_error names the file and what to do; it is told once, and every later
   * read gets it again until the next open().
   */
  readMeeting(id: string): Meeting {
    const failed = this.lost.get(id);
    if (failed) throw failed;
    const file = this.meetingFile(id);
    let problem: string;
    try {
      const meeting = file.read();
      if (meeting) return meeting;
      problem = `The meeting file ${file.path} is missing`;
    } catch (error) {
      if (error instanceof DamagedDocumentError) problem = `${error.message} It was moved to ${this.setAsideOr(id, error)}`;
      else if (error instanceof ApiError) throw this.fail(id, withAdvice(error).message);
      else throw error;
    }
    const search = newestGoodCopy(this.backups, path.join(MEETINGS_DIR, `${id}.json`), (bytes, name) => file.parseBytes(bytes, name));
    if (!search.found) {
      throw this.fail(
        id,
        `${problem}, and ${nothingToRestore(search, `put a good copy of it at ${file.path}, then start Empty Chair again`)}.`,
      );
    }
    const { document, backup } = search.found;
    file.write(document);
    this.notices.push(`${problem}, and "${document.title}" was restored as it was in the backup of ${backup.createdAt}.`);
    return document;
  }

  private setAsideOr(id: string, error: DamagedDocumentError): string {
    try {
      return this.quarantine.setAside(error);
    } catch (failure) {
      throw this.fail(id, (failure as Error).message);
    }
  }

  /** Tells the user once and remembers it: the error for every read of this meeting until the next open(). */
  private fail(id: string, message: string): ApiError {
    const error = new ApiError('storage_error', message);
    this.notices.push(message);
    this.lost.set(id, error);
    return error;
  }

  /** Writes an import's meetings and the index listing them, all or nothing (importTransaction.ts). */
  importMeetings(meetings: readonly Meeting[], index: LibraryIndex, record: ImportRecord): void {
    writeImport(this.importTarget(), meetings, index, record);
  }

  private importTarget(): ImportTarget {
    return {
      dataDir: this.dataDir,
      writeMeeting: (meeting) => this.writeMeeting(meeting),
      writeIndex: (index) => this.writeIndex(index),
      discardMeeting: (id) => this.discardMeeting(id),
    };
  }

  /** Removes a meeting's file and journal that no index lists (an interrupted import's). */
  private discardMeeting(id: string): void {
    const file = this.meetingFile(id);
    file.removeJournal();
    file.close();
    this.meetingFiles.delete(id);
    try {
      fs.rmSync(file.path, { force: true });
    } catch (error) {
      throw storageError(file.path, 'remove', error);
    }
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
   * Every document in the backup, its evidence too, is validated before anything on disk changes.
   */
  restoreBackup(backupId: string): { restored: BackupInfo; undoBackupId: string } {
    const restored = this.backups.list().find((backup) => backup.id === backupId);
    if (!restored) throw new ApiError('not_found', `There is no backup ${backupId}.`);
    const files = this.backups.filesIn(backupId);
    for (const relative of files) {
      const file = this.backups.fileIn(backupId, relative);
      const parser = relative === 'library.json' ? this.indexFile : this.meetingFile(path.basename(relative, '.json'));
      try {
        parser.parseBytes(fs.readFileSync(file), file);
      } catch (error) {
        throw new ApiError('storage_error', `That backup cannot be restored: ${(error as Error).message}`);
      }
    }
    const evidence = evidenceInBackup(this.backups.folderOf(backupId)); // null: from before backups held evidence
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
    if (evidence) restoreEvidence(this.dataDir, this.backups.folderOf(backupId), evidence);
    return { restored, undoBackupId: before.id };
  }

  private listMeetingFiles(dir: string): string[] {
    return idsIn(listFolder(dir), MEETING_FILE);
  }
}

/** A storage_error from reading a file that is there but cannot be read, with what to do about it. */
function withAdvice(error: ApiError): ApiError {
  return new ApiError(
    'storage_error',
    `${error.message}. Nothing was changed: check that it can be read (its permissions, the disk), then start Empty Chair again.`,
  );
}
