/**
 * Customer evidence in backups: a backup holds `evidence/index.json` and every file it names (each
 * source's items, the restorable deleted sources' items, the accounts). Those files are never
 * changed once written (a new import writes a new generation under a new name, and the index is
 * replaced by a rename), so they are hard-linked into the backup where the file system allows it,
 * and copied where it does not: a backup of 100,000 items costs a few directory entries.
 *
 * Only committed evidence is backed up: an import's new generation is not named by the index until
 * the import is done. A backup without an `evidence/` folder (taken before backups held evidence)
 * leaves the library's evidence as it is when restored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/errors';
import { EMPTY_EVIDENCE_INDEX, evidenceIndexSchema, type EvidenceIndex } from '../../shared/evidence/schema';
import { EVIDENCE_DIR, EVIDENCE_INDEX_FILE, filesNamedBy, writeFileDurably } from './evidenceStore';
import { syncDirectory } from './journal';

/** Hard-links `from` to `to`, or copies it where links are not possible (another disk, FAT, no permission). */
export function linkOrCopy(from: string, to: string): 'linked' | 'copied' {
  try {
    fs.linkSync(from, to);
    return 'linked';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EEXIST') throw error;
    fs.copyFileSync(from, to);
    return 'copied';
  }
}

function readIndex(file: string): EvidenceIndex | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = evidenceIndexSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Puts the library's committed evidence into a backup being written at `backupDir`. A library
 * without evidence gets an empty index in the backup, so restoring it empties the evidence; a
 * damaged index (which the next start sets aside) is left out. Returns the number of sources kept.
 */
export function backUpEvidence(dataDir: string, backupDir: string): number {
  const sourceDir = path.join(dataDir, EVIDENCE_DIR);
  const target = path.join(backupDir, EVIDENCE_DIR);
  const file = path.join(sourceDir, EVIDENCE_INDEX_FILE);
  const index = fs.existsSync(file) ? readIndex(file) : EMPTY_EVIDENCE_INDEX;
  if (!index) return 0;
  fs.mkdirSync(target, { recursive: true });
  for (const name of filesNamedBy(index)) linkOrCopy(path.join(sourceDir, name), path.join(target, name));
  fs.writeFileSync(path.join(target, EVIDENCE_INDEX_FILE), JSON.stringify(index, null, 1));
  return index.sources.length;
}

/**
 * The evidence a backup holds, checked whole before anything changes: null when the backup has no
 * evidence (it was taken before backups held evidence). Throws, naming the file, when the index is
 * damaged or a file it names is missing (a storage_error).
 */
export function evidenceInBackup(backupDir: string): EvidenceIndex | null {
  const dir = path.join(backupDir, EVIDENCE_DIR);
  const file = path.join(dir, EVIDENCE_INDEX_FILE);
  if (!fs.existsSync(file)) return null;
  const refuse = (problem: string) => new ApiError('storage_error', `That backup cannot be restored: ${problem}.`);
  const index = readIndex(file);
  if (!index) throw refuse(`the evidence index ${file} is damaged`);
  for (const name of filesNamedBy(index)) {
    if (!fs.existsSync(path.join(dir, name))) throw refuse(`the evidence file ${path.join(dir, name)} is missing`);
  }
  return index;
}

/**
 * Makes a backup's evidence the library's: its files are linked (or copied) into `evidence/` under
 * their own names first, then the index is replaced in one rename. A kill before the rename leaves
 * the old evidence (the new files are leftovers the next open removes); after it, the new. Files
 * only the old index named are removed when the evidence is next opened (EvidenceStore.open).
 */
export function restoreEvidence(dataDir: string, backupDir: string, index: EvidenceIndex): void {
  const from = path.join(backupDir, EVIDENCE_DIR);
  const to = path.join(dataDir, EVIDENCE_DIR);
  fs.mkdirSync(to, { recursive: true });
  for (const name of filesNamedBy(index)) {
    // A file of the same name is the same generation: written once, never changed.
    if (!fs.existsSync(path.join(to, name))) linkOrCopy(path.join(from, name), path.join(to, name));
  }
  syncDirectory(to);
  writeFileDurably(path.join(to, EVIDENCE_INDEX_FILE), JSON.stringify(index, null, 1));
}
