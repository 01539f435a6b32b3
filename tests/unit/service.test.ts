import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { dispatch } from '../../electron/service/dispatch';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { open, refuseWrites, sampleDraft, savedText, snapshotFiles, tempDir } from './helpers';

let opened: OpenLibrary[] = [];
const openDir = (dir: string) => {
  const library = open(dir);
  opened.push(library);
  return library;
};
afterEach(() => {
  for (const library of opened) library.close();
  opened = [];
});

function call<T = unknown>(library: OpenLibrary, method: MethodName, input: unknown): Result<T> {
  return dispatch(library.service, method, input) as Result<T>;
}
function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('meetings on disk', () => {
  it('creates, edits, reloads from disk and deletes a meeting', () => {
    const dir = tempDir();
    const first = openDir(dir);
    const persona = ok(call<{ id: string }>(first, 'personas.create', { name: 'Priya', segment: 'SMB admin', needs: ['Clear invoices'] }));
    const created = ok(call<Meeting>(first, 'meetings.create', sampleDraft({ personaIds: [persona.id] })));
    expect(created.agenda.map((item) => item.title)).toEqual(['New tiers', 'Trial length', 'Migration of old plans']);
    expect(created.agenda[2]!.timeboxMinutes).toBe(10);
    expect(created.revision).toBe(1);
    expect(fs.existsSync(path.join(dir, 'meetings', `${created.id}.json`))).toBe(true);

    const edited = ok(
      call<Meeting>(first, 'agenda.update', { meetingId: created.id, itemId: created.agenda[1]!.id, changes: { notes: '30 → 14 days?' } }),
    );
    expect(edited.revision).toBe(2);
    first.close();
    opened = [];

    const second = openDir(dir);
    const library = ok(call<{ meetings: { id: string; title: string }[]; personas: { name: string }[] }>(second, 'library.get', {}));
    expect(library.meetings.map((m) => m.title)).toEqual(['Pricing page review']);
    expect(library.personas.map((p) => p.name)).toEqual(['Priya']);
    const reloaded = ok(call<Meeting>(second, 'meetings.get', { id: created.id }));
    expect(reloaded).toEqual(edited);

    ok(call(second, 'meetings.delete', { id: created.id }));
    expect(call(second, 'meetings.get', { id: created.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(fs.existsSync(path.join(dir, 'trash', `${created.id}.json`))).toBe(true);
    second.close();
    opened = [];
    const third = openDir(dir);
    expect(ok(call<{ meetings: unknown[] }>(third, 'library.get', {})).meetings).toEqual([]);
  });

  it('lists meetings newest first by scheduled start, whatever the offset they were given in', () => {
    const library = openDir(tempDir());
    ok(call(library, 'meetings.create', sampleDraft({ title: 'Old', scheduledAt: '2026-01-01T10:00:00+01:00' })));
    ok(call(library, 'meetings.create', sampleDraft({ title: 'New', scheduledAt: '2026-01-01T08:30:00-02:00' })));
    ok(call(library, 'meetings.create', sampleDraft({ title: 'Middle', scheduledAt: '2026-01-01T09:30:00Z' })));
    const titles = ok(call<{ meetings: { title: string }[] }>(library, 'library.get', {})).meetings.map((m) => m.title);
    expect(titles).toEqual(['New', 'Middle', 'Old']);
  });

  it("saving an agenda-item change writes only that meeting's journal: no other meeting, not the index", () => {
    const dir = tempDir();
    const library = openDir(dir);
    const a = ok(call<Meeting>(library, 'meetings.create', sampleDraft({ title: 'A' })));
    const b = ok(call<Meeting>(library, 'meetings.create', sampleDraft({ title: 'B' })));
    const before = snapshotFiles(dir);
    ok(call(library, 'agenda.update', { meetingId: a.id, itemId: a.agenda[0]!.id, changes: { notes: 'changed' } }));
    const after = snapshotFiles(dir);
    const changed = Object.keys(after).filter((file) => after[file] !== before[file]);
    expect(changed).toEqual([path.join('meetings', `${a.id}.journal`)]);
    expect((JSON.parse(after[path.join('meetings', `${a.id}.journal`)]!) as Meeting).agenda[0]!.notes).toBe('changed');
    expect(after[path.join('meetings', `${b.id}.json`)]).toBe(before[path.join('meetings', `${b.id}.json`)]);
  });

  it('keeps answers and decisions of items that stay when the whole agenda is edited', () => {
    const library = openDir(tempDir());
    const meeting = ok(call<Meeting>(library, 'meetings.create', sampleDraft()));
    const [first, second] = meeting.agenda;
    const updated = ok(
      call<Meeting>(library, 'meetings.update', {
        id: meeting.id,
        expectedRevision: 1,
        changes: {
          title: 'Renamed',
          agenda: [{ id: second!.id, title: 'Trial length (30 days)' }, { title: 'Brand new' }, { id: first!.id, title: first!.title }],
        },
      }),
    );
    expect(updated.title).toBe('Renamed');
    expect(updated.agenda.map((item) => item.title)).toEqual(['Trial length (30 days)', 'Brand new', 'New tiers']);
    expect(updated.agenda[0]!.id).toBe(second!.id);
    expect(updated.agenda[2]!.notes).toBe('Draft in the wiki');
  });

  it('refuses a stale edit with a conflict instead of erasing the newer one', () => {
    const library = openDir(tempDir());
    const meeting = ok(call<Meeting>(library, 'meetings.create', sampleDraft()));
    ok(call(library, 'meetings.update', { id: meeting.id, expectedRevision: 1, changes: { title: 'From window one' } }));
    const stale = call(library, 'meetings.update', { id: meeting.id, expectedRevision: 1, changes: { title: 'From window two' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(ok(call<Meeting>(library, 'meetings.get', { id: meeting.id })).title).toBe('From window one');
  });

  it('moves and removes agenda items, and clamps indexes', () => {
    const library = openDir(tempDir());
    const meeting = ok(call<Meeting>(library, 'meetings.create', sampleDraft()));
    const moved = ok(call<Meeting>(library, 'agenda.move', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, toIndex: 99 }));
    expect(moved.agenda.map((i) => i.title)).toEqual(['Trial length', 'Migration of old plans', 'New tiers']);
    const added = ok(call<Meeting>(library, 'agenda.add', { meetingId: meeting.id, item: { title: 'First' }, index: 0 }));
    expect(added.agenda[0]!.title).toBe('First');
    const removed = ok(call<Meeting>(library, 'agenda.remove', { meetingId: meeting.id, itemId: added.agenda[0]!.id }));
    expect(removed.agenda).toHaveLength(3);
  });

  it('treats tag labels that differ only in case or spaces as one tag', () => {
    const library = openDir(tempDir());
    const custom = ok(call<{ id: string; builtIn: boolean }>(library, 'tags.create', { label: 'Churn risk' }));
    expect(custom.builtIn).toBe(false);
    expect(ok(call<{ id: string }>(library, 'tags.create', { label: '  churn   RISK ' })).id).toBe(custom.id);
    expect(ok(call<{ id: string }>(library, 'tags.create', { label: 'Pricing' })).id).toBe('pricing');
    const tags = ok(call<{ tags: { id: string }[] }>(library, 'library.get', {})).tags;
    expect(tags.filter((t) => t.id === custom.id)).toHaveLength(1);
  });

  it('will not delete a persona who still sits in a chair', () => {
    const library = openDir(tempDir());
    const persona = ok(call<{ id: string }>(library, 'personas.create', { name: 'Priya' }));
    const meeting = ok(call<Meeting>(library, 'meetings.create', sampleDraft({ personaIds: [persona.id] })));
    expect(call(library, 'personas.delete', { id: persona.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    ok(call(library, 'meetings.update', { id: meeting.id, changes: { personaIds: [] } }));
    ok(call(library, 'personas.delete', { id: persona.id }));
  });

  it('publishes events after each saved change', () => {
    const library = openDir(tempDir());
    const seen: string[] = [];
    library.service.events.subscribe((event) => seen.push(event.event));
    const meeting = ok(call<Meeting>(library, 'meetings.create', sampleDraft()));
    ok(call(library, 'agenda.update', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, changes: { notes: 'x' } }));
    ok(call(library, 'meetings.delete', { id: meeting.id }));
    expect(seen).toEqual(['meeting.changed', 'library.changed', 'meeting.changed', 'meeting.deleted', 'library.changed']);
  });
});

describe('bad input gets a typed error and changes nothing', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: [string, MethodName, (ids: { meeting: Meeting }) => unknown, string][] = [
    ['wrong type', 'meetings.create', () => ({ ...sampleDraft(), title: 42 }), 'invalid_input'],
    ['missing field', 'meetings.create', () => ({ scheduledAt: '2026-11-24T09:30:00Z' }), 'invalid_input'],
    ['unknown field', 'meetings.create', () => ({ ...sampleDraft(), admin: true }), 'invalid_input'],
    ['whitespace title', 'meetings.create', () => sampleDraft({ title: '   ' }), 'invalid_input'],
    ['not a date', 'meetings.create', () => sampleDraft({ scheduledAt: 'tomorrow' }), 'invalid_input'],
    ['title over the limit', 'meetings.create', () => sampleDraft({ title: long(LIMITS.titleMax + 1) }), 'invalid_input'],
    [
      'too many items',
      'meetings.create',
      () => sampleDraft({ agenda: Array.from({ length: LIMITS.agendaItemsMax + 1 }, (_, i) => ({ title: `Item ${i}` })) }),
      'invalid_input',
    ],
    ['unknown persona', 'meetings.create', () => sampleDraft({ personaIds: ['nobody'] }), 'not_found'],
    ['unknown meeting', 'meetings.get', () => ({ id: 'missing' }), 'not_found'],
    ['path in an id', 'meetings.get', () => ({ id: '../library' }), 'invalid_input'],
    ['unknown item', 'agenda.update', ({ meeting }) => ({ meetingId: meeting.id, itemId: 'nope', changes: { notes: 'x' } }), 'not_found'],
    [
      'notes over the limit',
      'agenda.update',
      ({ meeting }) => ({ meetingId: meeting.id, itemId: meeting.agenda[0]!.id, changes: { notes: long(LIMITS.notesMax + 1) } }),
      'invalid_input',
    ],
    [
      'timebox zero',
      'agenda.update',
      ({ meeting }) => ({ meetingId: meeting.id, itemId: meeting.agenda[0]!.id, changes: { timeboxMinutes: 0 } }),
      'invalid_input',
    ],
    [
      'agenda edit naming a foreign item',
      'meetings.update',
      ({ meeting }) => ({ id: meeting.id, changes: { title: 'Changed', agenda: [{ id: 'other', title: 'x' }] } }),
      'not_found',
    ],
    ['null input', 'meetings.update', () => null, 'invalid_input'],
    ['unknown method', 'meetings.explode' as MethodName, () => ({}), 'unknown_method'],
  ];
  it.each(cases)('%s', (_name, method, input, code) => {
    const dir = tempDir();
    const library = openDir(dir);
    const meeting = ok(call<Meeting>(library, 'meetings.create', sampleDraft()));
    const before = snapshotFiles(dir);
    const result = call(library, method, input({ meeting }));
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    expect(snapshotFiles(dir)).toEqual(before);
    expect(ok(call<Meeting>(library, 'meetings.get', { id: meeting.id }))).toEqual(meeting);
  });

  it('accepts text exactly at the limits', () => {
    const library = openDir(tempDir());
    const meeting = ok(
      call<Meeting>(
        library,
        'meetings.create',
        sampleDraft({
          title: 't'.repeat(LIMITS.titleMax),
          agenda: Array.from({ length: LIMITS.agendaItemsMax }, (_, i) => ({
            title: `Item ${i}`,
            notes: i === 0 ? 'n'.repeat(LIMITS.notesMax) : '',
          })),
        }),
      ),
    );
    expect(meeting.title).toHaveLength(LIMITS.titleMax);
    expect(meeting.agenda).toHaveLength(LIMITS.agendaItemsMax);
    expect(call(library, 'agenda.add', { meetingId: meeting.id, item: { title: 'one too many' } })).toMatchObject({
      ok: false,
      error: { code: 'limit_exceeded' },
    });
  });

  it('keeps a change the disk refuses in memory, says so, and writes it once the disk allows', () => {
    const dir = tempDir();
    const library = openDir(dir);
    const meeting = ok(call<Meeting>(library, 'meetings.create', sampleDraft()));
    const file = path.join(dir, 'meetings', `${meeting.id}.json`);
    const onDisk = fs.readFileSync(file, 'utf8');
    const allowWrites = refuseWrites(file);
    const result = call(library, 'meetings.update', { id: meeting.id, changes: { title: 'Kept while the disk says no' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage_error' } });
    if (!result.ok) expect(result.error.message).toMatch(/kept .* keeps trying/);
    expect(ok(call<Meeting>(library, 'meetings.get', { id: meeting.id })).title).toBe('Kept while the disk says no');
    // The meeting file and the index (its title changed) both wait to be written.
    expect(library.service.storageStatus()).toMatchObject({ unsavedChanges: 2, lastWriteError: expect.stringContaining(file) });
    allowWrites();
    // Nothing half-written: the good file is untouched.
    expect(fs.readFileSync(file, 'utf8')).toBe(onDisk);

    expect(library.service.flushUnsaved()).toBe(true);
    expect(JSON.parse(savedText(file)).title).toBe('Kept while the disk says no');
    expect(library.service.storageStatus()).toMatchObject({ unsavedChanges: 0, lastWriteError: null });
    library.close();
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).title).toBe('Kept while the disk says no');
  });
});
