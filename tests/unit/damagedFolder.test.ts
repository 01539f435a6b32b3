/**
 * The damaged-folder corpus (issue 16 §3): the ways a data folder has been found damaged, each
 * with what the app must do about it. Every case damages a real saved folder, opens it as the app
 * does, and checks one outcome:
 * - restored: what the backups (or a journal) hold is all there, and a notice names the damaged file;
 * - told what is lost: no backup could help; the notice names the file and says exactly what is gone;
 * - refused: the start, or the one meeting, fails with a message naming the file and what to do;
 * - intact: what was found is no damage to the data (left-overs, a stale lock): nothing lost, nothing to tell.
 * Restored and intact folders are opened a second time: nothing is told twice, nothing comes back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Library, Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { LOCK_FILE_NAME } from '../../electron/storage/lock';
import { CORPUS, DAMAGED_CONTENT, type Case, type Folder } from './damagedFolder.cases';
import { open, sampleDraft, tempDir, valueOf } from './helpers';

let template: Folder;

/** A library with a persona, a custom tag, a setting and two meetings, closed cleanly (which takes a backup). */
function saveTemplate(): Folder {
  const dir = tempDir('empty-chair-corpus-');
  const library = open(dir);
  valueOf(library, 'personas.create', { name: 'Priya' });
  valueOf(library, 'tags.create', { label: 'churn' });
  valueOf(library, 'settings.update', { theme: 'dark' });
  const alpha = valueOf<Meeting>(library, 'meetings.create', sampleDraft({ title: 'Alpha' }));
  const beta = valueOf<Meeting>(library, 'meetings.create', sampleDraft({ title: 'Beta' }));
  library.close();
  return paths(dir, alpha, beta);
}

function paths(dir: string, alpha: Meeting, beta: Meeting): Folder {
  const meeting = path.join(dir, 'meetings', `${alpha.id}.json`);
  return {
    dir,
    alpha,
    beta,
    index: path.join(dir, 'library.json'),
    meeting,
    journal: meeting.replace(/\.json$/, '.journal'),
    lock: path.join(dir, LOCK_FILE_NAME),
    backups: path.join(dir, 'backups'),
    quarantine: path.join(dir, 'quarantine'),
  };
}

function copyOfTemplate(): Folder {
  const dir = tempDir('empty-chair-corpus-');
  fs.cpSync(template.dir, dir, { recursive: true });
  return paths(dir, template.alpha, template.beta);
}

/** Ways a document's bytes are found damaged; each takes the file's good text. */

function openingError(dir: string): Error {
  try {
    open(dir).close();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the folder opened, but should have been refused');
}

/** What the backups hold: both meetings, the persona, the custom tag and the setting. */
function expectWhole(library: OpenLibrary, c: Case, folder: Folder): void {
  const held = valueOf<Library>(library, 'library.get', {});
  expect(held.meetings.map((m) => m.title).sort()).toEqual(c.titles ?? ['Alpha', 'Beta']);
  if (c.titles?.length === 0) return;
  expect(held.personas.map((p) => p.name)).toEqual(['Priya']);
  expect(held.tags.map((t) => t.label)).toContain('churn');
  expect(held.settings.theme).toBe('dark');
  if (!(c.titles ?? ['Alpha']).includes('Alpha')) return;
  const alpha = valueOf<Meeting>(library, 'meetings.get', { id: folder.alpha.id });
  expect(alpha.title).toBe(c.alphaTitle ?? 'Alpha');
  if (!c.alphaTitle) expect(alpha).toEqual(folder.alpha);
}

function runCase(c: Case): void {
  const folder = copyOfTemplate();
  const undo = c.apply(folder);
  const opened: OpenLibrary[] = [];
  try {
    const { outcome } = c;
    if ('refused' in outcome && outcome.refused === 'start') {
      const error = openingError(folder.dir);
      expect(error.message).toContain(c.names(folder));
      expect(error.message).toMatch(outcome.todo);
      return;
    }
    const library = open(folder.dir);
    opened.push(library);
    if ('refused' in outcome) {
      const result = dispatch(library.service, 'meetings.get', { id: folder.alpha.id });
      expect(result.ok).toBe(false);
      const message = result.ok ? '' : result.error.message;
      expect(result).toMatchObject({ ok: false, error: { code: 'storage_error' } });
      expect(message).toContain(c.names(folder));
      expect(message).toMatch(outcome.todo);
      expect(dispatch(library.service, 'meetings.get', { id: folder.alpha.id })).toEqual(result); // the same, told once
      expect(library.service.notices.filter((notice) => notice === message)).toHaveLength(1);
      expect(valueOf<Meeting>(library, 'meetings.get', { id: folder.beta.id })).toEqual(folder.beta);
      return;
    }
    if (!('toldWhatIsLost' in outcome)) expectWhole(library, c, folder); // meetings are read when first asked for
    const notices = library.service.notices.join('\n');
    if ('intact' in outcome) {
      expect(notices).toBe('');
    } else if ('restored' in outcome) {
      expect(notices).toContain(c.names(folder));
      expect(notices).toMatch(outcome.restored);
    } else {
      const held = valueOf<Library>(library, 'library.get', {});
      expect(held.meetings.map((m) => m.title).sort()).toEqual(['Alpha', 'Beta']);
      expect(held.personas).toEqual([]);
      expect(notices).toContain(c.names(folder));
      expect(notices).toMatch(outcome.toldWhatIsLost);
    }
    c.after?.(folder, library);
    opened.pop()!.close();
    // Restarted: what was restored is on disk now, and nothing is told again.
    const again = open(folder.dir);
    opened.push(again);
    if (!('toldWhatIsLost' in outcome)) expectWhole(again, c, folder);
    expect(again.service.notices).toEqual([]);
  } finally {
    for (const library of opened) library.close();
    if (typeof undo === 'function') undo();
  }
}

const handled: string[] = [];

describe('the damaged-folder corpus: every case restored with a notice, told, refused with what to do, or harmless', () => {
  beforeAll(() => {
    template = saveTemplate();
  });
  afterAll(() => {
    console.log(`damaged-folder corpus: ${CORPUS.length} cases, ${handled.length} handled`);
  });

  it.each(CORPUS.map((c) => [c.damage, c] as const))('%s', (_damage, c) => {
    runCase(c);
    handled.push(c.damage);
  });

  it('keeps the damaged bytes in the quarantine, unchanged', () => {
    for (const [what, damage] of DAMAGED_CONTENT) {
      const folder = copyOfTemplate();
      const bytes = Buffer.from(damage(fs.readFileSync(folder.meeting, 'utf8')));
      fs.writeFileSync(folder.meeting, bytes);
      const library = open(folder.dir);
      try {
        valueOf(library, 'meetings.get', { id: folder.alpha.id });
        const kept = fs.readdirSync(folder.quarantine).map((name) => fs.readFileSync(path.join(folder.quarantine, name)));
        expect(kept, what).toEqual([bytes]);
      } finally {
        library.close();
      }
    }
  });
});
