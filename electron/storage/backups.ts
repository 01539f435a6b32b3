import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../shared/domain';
import { backUpEvidence } from './evidenceBackup';

export type { BackupInfo };

export const BACKUPS_DIR = 'backups';
export const RECENT_BACKUPS_KEPT = 10;
export const DAILY_BACKUPS_DAYS = 30;

/**
 * Which backups to keep: the newest RECENT_BACKUPS_KEPT, plus the newest of each of the last
 * DAILY_BACKUPS_DAYS days (UTC). Pure, so the policy is tested without a clock.
 */
export function backupsToKeep(backups: readonly BackupInfo[], now: Date): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set(newestFirst.slice(0, RECENT_BACKUPS_KEPT).map((b) => b.id));
  // Today and the 29 days before it: 30 days.
  const oldestDay = new Date(now.getTime() - (DAILY_BACKUPS_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const days = new Set<string>();
  for (const backup of newestFirst) {
    const day = backup.createdAt.slice(0, 10);
    if (day < oldestDay || days.has(day)) continue;
    days.add(day);
    keep.add(backup.id);
  }
  return keep;
}

/**
 * Snapshots of the data folder's documents (library.json and meetings/*.json) in backups/<id>/,
 * with the customer evidence in backups/<id>/evidence/ (evidenceBackup.ts: hard links, since
 * evidence files never change once written).
 * A snapshot is written to backups/.partial-<id> and renamed into place, so a crash never leaves a
 * half backup that looks whole. Files are copied, not linked: conf falls back to writing in place
 * on some systems, which would change a hard-linked backup too.
 */
export class BackupStore {
  readonly dir: string;

  constructor(
    private readonly dataDir: string,
    private readonly documents: () => string[],
  ) {
    this.dir = path.join(dataDir, BACKUPS_DIR);
  }

  /** The backups, newest first; none when the folder is missing or cannot be read (scan() tells those apart). */
  list(): BackupInfo[] {
    return this.scan().backups;
  }

  /** The backups, newest first, and why the folder could not be listed (null when it could, or is not there). */
  scan(): { backups: BackupInfo[]; unreadable: string | null } {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (error) {
      const unreadable = (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : (error as Error).message;
      return { backups: [], unreadable };
    }
    const infos: BackupInfo[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      try {
        const info = JSON.parse(fs.readFileSync(path.join(this.dir, name, 'manifest.json'), 'utf8')) as BackupInfo;
        if (info.id === name) infos.push(info);
      } catch {
        // A backup without a readable manifest is not offered; it stays on disk for a person to look at.
      }
    }
    return { backups: infos.sort((a, b) => b.createdAt.localeCompare(a.createdAt)), unreadable: null };
  }

  create(reason: string, now: Date): BackupInfo {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    let id = `${stamp}_${reason}`;
    for (let n = 2; fs.existsSync(path.join(this.dir, id)); n++) id = `${stamp}-${n}_${reason}`;
    const partial = path.join(this.dir, `.partial-${id}`);
    fs.mkdirSync(path.join(partial, 'meetings'), { recursive: true });
    let meetings = 0;
    for (const file of this.documents()) {
      const relative = path.relative(this.dataDir, file);
      try {
        fs.copyFileSync(file, path.join(partial, relative));
        if (relative.startsWith('meetings')) meetings++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    backUpEvidence(this.dataDir, partial);
    const info: BackupInfo = { id, createdAt: now.toISOString(), reason, meetings };
    fs.writeFileSync(path.join(partial, 'manifest.json'), JSON.stringify(info));
    fs.renameSync(partial, path.join(this.dir, id));
    return info;
  }

  /** Deletes the backups the rotation policy no longer keeps. */
  prune(now: Date): void {
    const keep = backupsToKeep(this.list(), now);
    for (const backup of this.list()) {
      if (!keep.has(backup.id)) fs.rmSync(path.join(this.dir, backup.id), { recursive: true, force: true });
    }
  }

  /** A backup's folder. */
  folderOf(backupId: string): string {
    return path.join(this.dir, backupId);
  }

  /** The path of a document (relative to the data folder) inside a backup. */
  fileIn(backupId: string, relative: string): string {
    return path.join(this.dir, backupId, relative);
  }

  filesIn(backupId: string): string[] {
    const root = path.join(this.dir, backupId);
    const meetings = path.join(root, 'meetings');
    const names = fs.existsSync(meetings) ? fs.readdirSync(meetings).map((name) => path.join('meetings', name)) : [];
    return [...(fs.existsSync(path.join(root, 'library.json')) ? ['library.json'] : []), ...names];
  }
}
