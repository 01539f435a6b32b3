/**
 * All-or-nothing imports on disk. An import writes several documents (its meetings' new files, then
 * the index that lists them), and a kill or a refusing disk can stop it between any two. So first a
 * marker naming everything the import adds is made durable; then the documents are written; the
 * import counts only once the marker is gone. A marker found at the next start means the import
 * never finished: what it names is taken out again before anything lists the folder, so a kill
 * leaves either all of an import visible or none of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { idSchema, type LibraryIndex, type Meeting } from '../../shared/domain';
import { storageError } from './documentStore';
import { syncDirectory } from './journal';
import { plural } from '../../shared/plural';

export const IMPORT_MARKER = 'import-in-progress.json';

const importRecordSchema = z.object({
  meetingIds: z.array(idSchema),
  personaIds: z.array(idSchema),
  tagIds: z.array(idSchema),
});
/** What an import adds to the library: taken out again if it never finished. */
export type ImportRecord = z.infer<typeof importRecordSchema>;

export function markerPath(dataDir: string): string {
  return path.join(dataDir, IMPORT_MARKER);
}

/** Makes the marker durable: written to a temp file, synced, renamed into place, the folder synced. */
export function beginImport(dataDir: string, record: ImportRecord): void {
  const target = markerPath(dataDir);
  const temp = `${target}.writing`;
  try {
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeFileSync(fd, JSON.stringify(record));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
    syncDirectory(dataDir);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw storageError(target, 'start the import with', error);
  }
}

/** The commit point: once the marker's removal is on disk, the import is complete. */
export function finishImport(dataDir: string): void {
  const target = markerPath(dataDir);
  try {
    fs.rmSync(target, { force: true });
    syncDirectory(dataDir);
  } catch (error) {
    throw storageError(target, 'finish the import by removing', error);
  }
}

/**
 * The record of an import a kill or the disk interrupted, or null. A marker that cannot be read is
 * a marker all the same (it was renamed into place whole), so it is reported, not ignored.
 */
export function unfinishedImport(dataDir: string): ImportRecord | null {
  fs.rmSync(`${markerPath(dataDir)}.writing`, { force: true }); // a kill before the rename: nothing was written yet
  let text: string;
  try {
    text = fs.readFileSync(markerPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw storageError(markerPath(dataDir), 'read', error);
  }
  try {
    return importRecordSchema.parse(JSON.parse(text));
  } catch (error) {
    throw storageError(markerPath(dataDir), 'understand the unfinished import', error);
  }
}

/** The index without what the import added (its meetings, personas and custom tags). */
export function withoutImport(index: LibraryIndex, record: ImportRecord): LibraryIndex {
  const meetings = new Set(record.meetingIds);
  const personas = new Set(record.personaIds);
  const tags = new Set(record.tagIds);
  return {
    ...index,
    meetings: index.meetings.filter((m) => !meetings.has(m.id)),
    personas: index.personas.filter((p) => !personas.has(p.id)),
    customTags: index.customTags.filter((t) => !tags.has(t.id)),
  };
}

/** What an import needs of the library's storage. */
export interface ImportTarget {
  dataDir: string;
  writeMeeting(meeting: Meeting): void;
  writeIndex(index: LibraryIndex): void;
  /** Removes a meeting's file and journal that no index lists. */
  discardMeeting(id: string): void;
}

/**
 * Writes an import's new meetings and the index that lists them: on a refusal what was written is
 * taken out again and the error thrown; if even that fails, the marker stays for the next start.
 */
export function writeImport(target: ImportTarget, meetings: readonly Meeting[], index: LibraryIndex, record: ImportRecord): void {
  const leftover = unfinishedImport(target.dataDir);
  if (leftover) {
    discardImported(target, leftover);
    finishRollBack(target, index, leftover);
  }
  beginImport(target.dataDir, record);
  try {
    for (const meeting of meetings) target.writeMeeting(meeting);
    target.writeIndex(index);
    finishImport(target.dataDir);
  } catch (error) {
    try {
      discardImported(target, record);
      finishRollBack(target, index, record);
    } catch {
      // The marker stays; the next start (or the next import) takes the rest out.
    }
    throw error;
  }
}

/** Removes the files of the meetings an unfinished import added. */
export function discardImported(target: ImportTarget, record: ImportRecord): void {
  for (const id of record.meetingIds) target.discardMeeting(id);
}

/** Writes the index without what the unfinished import added, then lets the marker go. */
export function finishRollBack(target: ImportTarget, index: LibraryIndex, record: ImportRecord): LibraryIndex {
  const kept = withoutImport(index, record);
  target.writeIndex(kept);
  finishImport(target.dataDir);
  return kept;
}

/** What the user is told at the start after an import was interrupted. */
export function interruptedImportNotice(record: ImportRecord): string {
  const count = record.meetingIds.length;
  return `An import of ${plural(count, 'meeting')} was interrupted before it finished; nothing of it was kept. Import the file again.`;
}
