import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackupInfo, Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { backupsToKeep, RECENT_BACKUPS_KEPT } from '../../electron/storage/backups';
import { sampleDraft, tempDir } from './helpers';

const toClose: OpenLibrary[] = [];
afterEach(() => toClose.splice(0).forEach((library) => library.close()));
function openDir(dir: string, backupIntervalMs: number | null = null) {
  const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs });
  toClose.push(library);
  return library;
}
function value<T>(library: OpenLibrary, method: string, input: unknown): T {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('backup rotation', () => {
  const at = (iso: string, n = 0): BackupInfo => ({ id: `${iso}-${n}`, createdAt: iso, reason: 'scheduled', meetings: 1 });
  it('keeps the 10 newest plus the newest of each of the last 30 days', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const sameDay = Array.from({ length: 15 }, (_, i) => at(`2026-11-23T11:${String(i).padStart(2, '0')}:00.000Z`));
    const daily = Array.from({ length: 40 }, (_, d) => at(new Date(now.getTime() - (d + 1) * 86_400_000).toISOString()));
    const keep = backupsToKeep([...sameDay, ...daily], now);
    // 10 newest (all today) + the newest of each of the 29 days before today (30 days in all).
    expect(sameDay.filter((b) => keep.has(b.id))).toHaveLength(RECENT_BACKUPS_KEPT);
    expect(keep.has(sameDay[14]!.id)).toBe(true);
    expect(keep.has(sameDay[0]!.id)).toBe(false);
    expect(daily.filter((b) => keep.has(b.id))).toHaveLength(29);
    expect(keep.has(daily[35]!.id)).toBe(false);
  });
});

describe('backups of the data folder', () => {
  it('backs up on clean close, and at most once per interval while data changes', () => {
    // Fake timers drive both setTimeout and the clock: no sleeping, no flakiness on a busy machine.
    vi.useFakeTimers({ now: new Date('2026-11-23T09:00:00Z') });
    try {
      const dir = tempDir();
      const library = openDir(dir, 15 * 60_000);
      value(library, 'meetings.create', sampleDraft({ title: 'One' }));
      vi.advanceTimersByTime(1);
      expect(value<BackupInfo[]>(library, 'backups.list', {})).toHaveLength(1); // none before: the first comes at once
      vi.advanceTimersByTime(5 * 60_000);
      value(library, 'meetings.create', sampleDraft({ title: 'Two' }));
      value(library, 'meetings.create', sampleDraft({ title: 'Three' }));
      vi.advanceTimersByTime(9 * 60_000);
      expect(value<BackupInfo[]>(library, 'backups.list', {})).toHaveLength(1); // 14 minutes: not yet
      vi.advanceTimersByTime(60_000);
      const backups = value<BackupInfo[]>(library, 'backups.list', {});
      expect(backups.map((b) => [b.reason, b.meetings])).toEqual([
        ['scheduled', 3],
        ['scheduled', 1],
      ]);
      vi.advanceTimersByTime(60 * 60_000);
      expect(value<BackupInfo[]>(library, 'backups.list', {})).toHaveLength(2); // nothing changed: no more backups
      toClose.pop()!.close();
      const reopened = openDir(dir, 15 * 60_000);
      expect(value<BackupInfo[]>(reopened, 'backups.list', {})).toHaveLength(2); // nothing changed since: no close backup
      value(reopened, 'meetings.create', sampleDraft({ title: 'Four' }));
      toClose.pop()!.close();
      const third = openDir(dir, 15 * 60_000);
      expect(value<BackupInfo[]>(third, 'backups.list', {})[0]).toMatchObject({ reason: 'close', meetings: 4 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('restores a backup, and restoring the before-restore backup undoes it', () => {
    const dir = tempDir();
    const library = openDir(dir);
    const kept = value<Meeting>(library, 'meetings.create', sampleDraft({ title: 'Before' }));
    const backup = value<BackupInfo>(library, 'backups.create', {});
    value(library, 'meetings.update', { id: kept.id, changes: { title: 'Renamed later' } });
    const later = value<Meeting>(library, 'meetings.create', sampleDraft({ title: 'Made later' }));
    const events: string[] = [];
    library.service.events.subscribe((event) => events.push(event.event));

    const { restored, undoBackupId } = value<{ restored: BackupInfo; undoBackupId: string }>(library, 'backups.restore', { id: backup.id });
    expect(restored.id).toBe(backup.id);
    expect(library.service.library().meetings.map((m) => m.title)).toEqual(['Before']);
    expect(value<Meeting>(library, 'meetings.get', { id: kept.id }).title).toBe('Before');
    expect(fs.existsSync(path.join(dir, 'trash', `${later.id}.json`))).toBe(true);
    expect(events).toContain('library.changed');

    value(library, 'backups.restore', { id: undoBackupId });
    expect(
      library.service
        .library()
        .meetings.map((m) => m.title)
        .sort(),
    ).toEqual(['Made later', 'Renamed later']);
  });

  it('refuses to restore an unknown or damaged backup, changing nothing', () => {
    const dir = tempDir();
    const library = openDir(dir);
    value(library, 'meetings.create', sampleDraft());
    const backup = value<BackupInfo>(library, 'backups.create', {});
    expect(dispatch(library.service, 'backups.restore', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    fs.writeFileSync(path.join(dir, 'backups', backup.id, 'library.json'), '{broken');
    expect(dispatch(library.service, 'backups.restore', { id: backup.id })).toMatchObject({ ok: false, error: { code: 'storage_error' } });
    expect(library.service.library().meetings).toHaveLength(1);
    expect(value<BackupInfo[]>(library, 'backups.list', {})).toHaveLength(1); // no before-restore taken either
  });
});
