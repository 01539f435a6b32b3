import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MeetingDraft } from '../../shared/api';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';

export function tempDir(prefix = 'empty-chair-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function open(dataDir: string): OpenLibrary {
  return openLibrary({ dataDir, StoreClass: Conf, role: 'test' });
}

/** Every data file under a folder with its bytes, to prove that a refused call wrote nothing (backups come on timers). */
export function snapshotFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'backups') walk(full);
      }
      else if (!entry.name.endsWith('.lock')) out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

export const sampleDraft = (overrides: Partial<MeetingDraft> = {}): MeetingDraft => ({
  title: 'Pricing page review',
  scheduledAt: '2026-11-24T09:30:00.000Z',
  lead: 'Ana',
  participants: ['Ben', 'Chloé'],
  agenda: [
    { title: 'New tiers', owner: 'Ben', timeboxMinutes: 15, notes: 'Draft in the wiki' },
    { title: 'Trial length', owner: 'Ana', timeboxMinutes: 10 },
    { title: 'Migration of old plans' },
  ],
  ...overrides,
});
