import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, Persona, Tag } from '../../shared/domain';
import { closeOpened, freshLibrary, sampleDraft, snapshotFiles } from './helpers';

afterEach(closeOpened);
const fresh = freshLibrary;

/** A meeting from another library: a persona, a custom tag and a decision tagged with it. */
function exported() {
  const source = fresh();
  const persona = source.value<Persona>('personas.create', { name: 'Priya' });
  const tag = source.value<Tag>('tags.create', { label: 'Churn risk' });
  let meeting = source.value<Meeting>('meetings.create', sampleDraft({ personaIds: [persona.id] }));
  meeting = source.value<Meeting>('decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: 'Cap price rises at 5%', tagIds: ['pricing', tag.id] },
  });
  return { meeting, persona, tag };
}

describe('meetings.import', () => {
  it('brings a meeting into another library with its persona and custom tag, unchanged', () => {
    const { meeting, persona, tag } = exported();
    const target = fresh();
    const imported = target.value<Meeting>('meetings.import', { meeting, personas: [persona], tags: [tag] });
    expect(imported).toEqual(meeting);
    const library = target.library.service.library();
    expect(library.personas.map((p) => p.id)).toEqual([persona.id]);
    expect(library.tags.some((t) => t.id === tag.id && !t.builtIn)).toBe(true);
  });

  it('never overwrites a meeting with the same id: conflict, then a copy with new ids', () => {
    const { meeting, persona, tag } = exported();
    const target = fresh();
    target.value('meetings.import', { meeting, personas: [persona], tags: [tag] });
    const before = snapshotFiles(target.dir);
    expect(target.call('meetings.import', { meeting, personas: [persona], tags: [tag] })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(snapshotFiles(target.dir)).toEqual(before);
    const copy = target.value<Meeting>('meetings.import', { meeting, personas: [persona], tags: [tag], asCopy: true });
    expect(copy.id).not.toBe(meeting.id);
    expect(copy.title).toBe(`${meeting.title} (copy)`);
    expect(copy.agenda.map((i) => i.id)).not.toContain(meeting.agenda[0]!.id);
    expect(copy.agenda[0]!.decisions[0]!.text).toBe('Cap price rises at 5%');
    expect(target.library.service.library().meetings).toHaveLength(2);
  });

  it('maps a custom tag onto the library tag with the same label', () => {
    const { meeting, persona, tag } = exported();
    const target = fresh();
    const local = target.value<Tag>('tags.create', { label: 'churn RISK' });
    const imported = target.value<Meeting>('meetings.import', { meeting, personas: [persona], tags: [tag] });
    expect(imported.agenda[0]!.decisions[0]!.tags.map((t) => t.tagId)).toEqual(['pricing', local.id]);
  });

  it('refuses a file that seats a persona or uses a tag it does not describe', () => {
    const { meeting, persona, tag } = exported();
    const target = fresh();
    expect(target.call('meetings.import', { meeting, personas: [], tags: [tag] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(target.call('meetings.import', { meeting, personas: [persona], tags: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(target.library.service.library().meetings).toEqual([]);
  });
});
