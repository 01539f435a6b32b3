import fs from 'node:fs';
import path from 'node:path';
import {
  emptyLibraryIndex,
  libraryIndexSchema,
  meetingSchema,
  summarizeMeeting,
  type LibraryIndex,
  type Meeting,
} from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { DocumentFile, storageError, type StoreFileClass } from './documentStore';

export const INDEX_NAME = 'library';
export const MEETINGS_DIR = 'meetings';
export const TRASH_DIR = 'trash';
const MEETING_FILE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})\.json$/;

/**
 * The data folder on disk: `library.json` (the index: meeting summaries, personas, tags, settings)
 * and `meetings/<id>.json`, one file per meeting. Deleted meetings move to `trash/`.
 * Pure I/O and validation: the service keeps the documents in memory and decides what to write.
 */
export class LibraryStorage {
  readonly meetingsDir: string;
  readonly trashDir: string;
  private readonly indexFile: DocumentFile<LibraryIndex>;
  private readonly meetingFiles = new Map<string, DocumentFile<Meeting>>();

  constructor(
    readonly dataDir: string,
    private readonly StoreClass: StoreFileClass,
  ) {
    this.meetingsDir = path.join(dataDir, MEETINGS_DIR);
    this.trashDir = path.join(dataDir, TRASH_DIR);
    this.indexFile = new DocumentFile(StoreClass, dataDir, INDEX_NAME, libraryIndexSchema);
  }

  get indexPath(): string {
    return this.indexFile.path;
  }

  private meetingFile(id: string): DocumentFile<Meeting> {
    let file = this.meetingFiles.get(id);
    if (!file) {
      file = new DocumentFile(this.StoreClass, this.meetingsDir, id, meetingSchema);
      this.meetingFiles.set(id, file);
    }
    return file;
  }

  meetingPath(id: string): string {
    return this.meetingFile(id).path;
  }

  /**
   * Reads the index and squares it with the meeting files: a meeting written just before a crash
   * (file present, no index entry) is adopted; a meeting moved to the trash just before a crash is
   * dropped. Returns what the user should be told. Throws storage_error on an unreadable index.
   */
  open(): { index: LibraryIndex; notices: string[] } {
    const stored = this.indexFile.read();
    const index = stored ?? emptyLibraryIndex();
    const notices: string[] = [];
    const onDisk = new Set(this.listMeetingFiles(this.meetingsDir));
    const known = new Set(index.meetings.map((summary) => summary.id));
    let changed = false;

    for (const id of onDisk) {
      if (known.has(id)) continue;
      const meeting = this.readMeeting(id); // throws with the file's name if unreadable
      index.meetings.push(summarizeMeeting(meeting));
      notices.push(`Recovered the meeting "${meeting.title}", which was missing from the library index.`);
      changed = true;
    }
    const trashed = new Set(this.listMeetingFiles(this.trashDir));
    const kept = index.meetings.filter((summary) => onDisk.has(summary.id) || !trashed.has(summary.id));
    if (kept.length !== index.meetings.length) {
      index.meetings = kept;
      changed = true;
    }
    if (changed) this.writeIndex(index);
    return { index, notices };
  }

  writeIndex(index: LibraryIndex): void {
    this.indexFile.write(index);
  }

  readMeeting(id: string): Meeting {
    const meeting = this.meetingFile(id).read();
    if (!meeting) throw new ApiError('storage_error', `The meeting file ${this.meetingPath(id)} is missing.`);
    if (meeting.id !== id) {
      throw new ApiError('storage_error', `The meeting file ${this.meetingPath(id)} holds another meeting (${meeting.id}).`);
    }
    return meeting;
  }

  writeMeeting(meeting: Meeting): void {
    this.meetingFile(meeting.id).write(meeting);
  }

  /** Moves a meeting's file to the trash folder (kept, so a deletion can be undone by hand). */
  trashMeeting(id: string): void {
    const from = this.meetingPath(id);
    try {
      fs.mkdirSync(this.trashDir, { recursive: true });
      fs.renameSync(from, path.join(this.trashDir, `${id}.json`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw storageError(from, 'move to the trash', error);
    }
    this.meetingFiles.delete(id);
  }

  private listMeetingFiles(dir: string): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw storageError(dir, 'list', error);
    }
    return names.flatMap((name) => {
      const match = MEETING_FILE.exec(name);
      return match ? [match[1]!] : [];
    });
  }
}
