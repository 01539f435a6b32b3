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
  const ids: string[] = []; // a loop, not flatMap: no array per name, and a start lists 10,000 of them
  for (const name of names) {
    const match = pattern.exec(name);
    if (match) ids.push(match[1]!);
  }
  return ids;
}
