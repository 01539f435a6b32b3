import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { MIGRATIONS, SchemaVersionError, upgradeDocument } from '../../electron/storage/migrations';
import { tempDir } from './helpers';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const toClose: OpenLibrary[] = [];
afterEach(() => toClose.splice(0).forEach((library) => library.close()));

/** Every schema version we ever shipped has a frozen library in fixtures/schema-v<N>/. */
const shipped = Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1);

describe('schema versions', () => {
  it('has a migration step for every version before the current one', () => {
    expect(MIGRATIONS.library).toHaveLength(SCHEMA_VERSION - 1);
    expect(MIGRATIONS.meeting).toHaveLength(SCHEMA_VERSION - 1);
  });

  it.each(shipped)('a library written by schema v%i opens with nothing lost', (version) => {
    const source = path.join(FIXTURES, `schema-v${version}`);
    const expected = JSON.parse(fs.readFileSync(path.join(source, 'expected.json'), 'utf8')) as { titles: string[]; decisions: number; answers: string[] };
    const dir = tempDir();
    fs.cpSync(source, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'expected.json'));
    const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
    toClose.push(library);
    const summaries = library.service.library().meetings;
    expect(summaries.map((m) => m.title)).toEqual(expected.titles);
    const meetings = summaries.map((s) => {
      const result = dispatch(library.service, 'meetings.get', { id: s.id });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as Meeting;
    });
    expect(meetings.every((m) => m.schemaVersion === SCHEMA_VERSION)).toBe(true);
    expect(meetings.flatMap((m) => m.agenda.flatMap((i) => i.decisions))).toHaveLength(expected.decisions);
    expect(meetings.flatMap((m) => m.agenda.flatMap((i) => (i.answer ? [i.answer.text] : [])))).toEqual(expected.answers);
    expect(library.service.notices).toEqual([]);
  });

  it('runs steps in order from the stored version up', () => {
    const steps = [(doc: Record<string, unknown>) => ({ ...doc, a: 1 }), (doc: Record<string, unknown>) => ({ ...doc, b: (doc.a as number) + 1 })];
    // Pretend the current version is 3 by passing steps for 1→2 and 2→3 (upgradeDocument stops at SCHEMA_VERSION).
    const { document, from } = upgradeDocument('meeting', { schemaVersion: 1 }, steps);
    expect(from).toBe(1);
    expect(document).toEqual(SCHEMA_VERSION >= 3 ? { schemaVersion: 3, a: 1, b: 2 } : { schemaVersion: 1 });
  });

  it('refuses a version newer than this app reads', () => {
    expect(() => upgradeDocument('library', { schemaVersion: SCHEMA_VERSION + 1 })).toThrow(SchemaVersionError);
  });
});
