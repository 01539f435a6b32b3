import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { MIGRATIONS, SchemaVersionError, upgradeDocument } from '../../shared/migrations';
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
    const expected = JSON.parse(fs.readFileSync(path.join(source, 'expected.json'), 'utf8')) as {
      titles: string[];
      decisions: number;
      answers: string[];
    } & Record<string, unknown>;
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
    // What later versions added must survive too (each fixture lists what it holds).
    const decisions = meetings.flatMap((m) => m.agenda.flatMap((i) => i.decisions));
    const lists: Record<string, unknown[]> = {
      series: library.service.library().series.map((s) => s.name),
      templates: library.service.library().templates.map((t) => t.name),
      outcomes: decisions.flatMap((d) => (d.outcome ? [d.outcome.direction] : [])),
      dissent: decisions.flatMap((d) => d.vote?.decided?.dissent.map((b) => b.by) ?? []),
      proposals: meetings.flatMap((m) => m.agenda.flatMap((i) => i.proposals.map((p) => p.text))),
      carried: meetings.flatMap((m) => m.followUps.flatMap((f) => (f.carriedFrom ? [f.text] : []))),
      followUps: meetings.flatMap((m) => m.followUps.map((f) => `${f.text} · ${f.owner} · ${f.done ? 'done' : 'open'}`)),
      citations: meetings.flatMap((m) =>
        m.agenda.flatMap((i) => [...i.citations, ...i.decisions.flatMap((d) => d.citations)].map((c) => c.quote)),
      ),
    };
    for (const [key, value] of Object.entries(expected)) if (key in lists) expect(lists[key], key).toEqual(value);
    if (version < 3) {
      // Nothing was cited before schema 3: every answer and decision starts with no citations.
      expect(meetings.flatMap((m) => m.agenda.flatMap((i) => [i.citations, ...i.decisions.map((d) => d.citations)]))).toEqual(
        meetings.flatMap((m) => m.agenda.flatMap((i) => [[], ...i.decisions.map(() => [])])),
      );
    }
    if (version === 1) {
      // What schema 2 added starts empty, never invented.
      expect(meetings.map((m) => m.seriesId)).toEqual(meetings.map(() => null));
      expect(meetings.flatMap((m) => m.followUps.map((f) => [f.doneAt, f.carriedFrom, f.carriedTo]))).toEqual(
        meetings.flatMap((m) => m.followUps.map(() => [null, null, null])),
      );
      expect(decisions.map((d) => [d.reviewDate, d.outcome, d.vote])).toEqual(decisions.map(() => [null, null, null]));
    }
  });

  it('runs steps in order from the stored version up', () => {
    // One recording step per version: each sees the trail of the steps before it.
    const steps = Array.from({ length: SCHEMA_VERSION - 1 }, (_, n) => (doc: Record<string, unknown>) => ({
      ...doc,
      trail: [...((doc.trail as number[] | undefined) ?? []), n + 1],
    }));
    const { document, from } = upgradeDocument('meeting', { schemaVersion: 1 }, steps);
    expect(from).toBe(1);
    expect(document).toEqual({ schemaVersion: SCHEMA_VERSION, trail: steps.map((_, n) => n + 1) });
    expect(upgradeDocument('meeting', { schemaVersion: SCHEMA_VERSION }, steps).document).toEqual({ schemaVersion: SCHEMA_VERSION });
  });

  it('a meeting exported by schema v1 imports into this version', async () => {
    const { parseExportFile } = await import('../../shared/export/json');
    const v1 = JSON.parse(
      fs.readFileSync(
        path.join(FIXTURES, 'schema-v1', 'meetings', fs.readdirSync(path.join(FIXTURES, 'schema-v1', 'meetings'))[0]!),
        'utf8',
      ),
    ) as Record<string, unknown>;
    const file = JSON.stringify({
      format: 'empty-chair-meeting',
      formatVersion: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      meeting: v1,
      personas: [],
      tags: [],
    });
    const parsed = parseExportFile(file);
    expect(parsed.meetings[0]!.schemaVersion).toBe(SCHEMA_VERSION);
    expect(parsed.meetings[0]!.title).toBe(v1.title);
    expect(parsed.meetings[0]!.seriesId).toBeNull();
  });

  it('refuses a version newer than this app reads', () => {
    expect(() => upgradeDocument('library', { schemaVersion: SCHEMA_VERSION + 1 })).toThrow(SchemaVersionError);
  });
});
