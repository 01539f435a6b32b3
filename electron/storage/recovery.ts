import fs from 'node:fs';
import type { BackupInfo } from '../../shared/domain';
import type { BackupStore } from './backups';
import { DamagedDocumentError } from './documentStore';

/** What the backups hold of one document: its newest good copy, or why there is none. */
export type BackupSearch<T> =
  | { found: { document: T; backup: BackupInfo } }
  | {
      found: null;
      /** How many backups were looked in. */
      backups: number;
      /** What could not be read (the backups folder, or a copy in a backup), with the reason. */
      unreadable: string[];
    };

/**
 * The newest copy of a document (`relative` to the data folder) among the backups that reads and
 * validates. A copy that is missing or damaged is passed over for an older one; one that cannot be
 * read is passed over too, but named, so nobody is told "no backup holds a good copy" untruly.
 */
export function newestGoodCopy<T>(backups: BackupStore, relative: string, parse: (bytes: Buffer, file: string) => T): BackupSearch<T> {
  const scan = backups.scan();
  const unreadable = scan.unreadable ? [`${backups.dir} (${scan.unreadable})`] : [];
  for (const backup of scan.backups) {
    const file = backups.fileIn(backup.id, relative);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') unreadable.push(`${file} (${(error as Error).message})`);
      continue;
    }
    try {
      return { found: { document: parse(bytes, file), backup } };
    } catch (error) {
      if (!(error instanceof DamagedDocumentError)) throw error;
    }
  }
  return { found: null, backups: scan.backups.length, unreadable };
}

/** The end of a notice about a document the backups could not give back: why, and what to do. */
export function nothingToRestore(search: { unreadable: string[] }, putBack: string): string {
  if (search.unreadable.length > 0) {
    return `the backups could not be read (${search.unreadable.join('; ')}), so no copy was restored from them: make them readable, then start Empty Chair again`;
  }
  return `no backup holds a good copy of it: ${putBack}`;
}

/** What the user is told when the library index was damaged or missing: what came back, what did not, what to do. */
export function indexRestoreNotice(problem: string, search: BackupSearch<unknown>): string {
  const lost = 'meetings were found again from their files, but personas, custom tags and settings were not';
  const outcome = search.found
    ? `The library index from the backup of ${search.found.backup.createdAt} was restored; meetings saved since then were found again from their files.`
    : search.unreadable.length > 0
      ? `The backups could not be read (${search.unreadable.join('; ')}): ${lost}. Make the backups readable, then restore the newest from Backups.`
      : `No backup held a good copy: ${lost}.`;
  return `${problem} ${outcome}`;
}
