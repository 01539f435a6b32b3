import fs from 'node:fs';
import { storageError } from './documentStore';

/** The names in a folder; none when it does not exist. */
export function listFolder(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw storageError(dir, 'list', error);
  }
}

/** The ids in the names that match `pattern` (its first group is the id). */
export function idsIn(names: string[], pattern: RegExp): string[] {
  return names.flatMap((name) => {
    const match = pattern.exec(name);
    return match ? [match[1]!] : [];
  });
}
