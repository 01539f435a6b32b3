/**
 * The ledger's search that understands words (issue 20), through the real service on a temp
 * library: word forms, prefixes as you type, relevance order, the places words are looked for
 * (decision, chair's answer, item title and notes, persona names, tag labels; #word = tags only),
 * exact filters staying exact, and the index following every save, rename, delete and restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { LedgerResult } from '../../shared/ledger';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { closeNow, closeOpened, openTemp as start, tempDir, valueOf } from './helpers';

afterEach(closeOpened);
const value = <T>(library: OpenLibrary, method: string, input: unknown) => valueOf<T>(library, method, input);
const search = (library: OpenLibrary, query: Record<string, unknown>) => value<LedgerResult>(library, 'ledger.search', query);
const texts = (library: OpenLibrary, query: Record<string, unknown>) => search(library, query).entries.map((e) => e.text);

/** Decisions whose words sit in different places: the decision, the item, its notes, the answer, a persona, a tag. */
function seeded(dir = tempDir()) {
  const library = start(dir);
  const hiro = value<{ id: string }>(library, 'personas.create', { name: 'Hiro, mobile power user' });
  const priya = value<{ id: string }>(library, 'personas.create', { name: 'Priya' });
  const mobile = value<{ id: string }>(library, 'tags.create', { label: 'Mobile' });
  const add = (meeting: Meeting, itemIndex: number, decision: Record<string, unknown>) =>
    value<Meeting>(library, 'decisions.add', { meetingId: meeting.id, itemId: meeting.agenda[itemIndex]!.id, decision });
  let march = value<Meeting>(library, 'meetings.create', {
    title: 'March review',
    scheduledAt: '2026-03-10T09:00:00Z',
    personaIds: [priya.id, hiro.id],
    agenda: [
      { title: 'Usage pricing', notes: 'Seat counts confuse admins.' },
      { title: 'Offline mode' },
      { title: 'Trial' },
      { title: 'Plans' },
    ],
  });
  march = add(march, 0, { text: 'Move Pro to usage pricing', owner: 'Ben', direction: 'hurts' });
  march = add(march, 1, { text: 'Ship offline drafts', owner: 'Ana', direction: 'helps', tagIds: [mobile.id] });
  march = add(march, 2, { text: 'Keep the free plan', owner: 'Ana', direction: 'helps' });
  march = add(march, 3, { text: 'Shorten the trial to 14 days', owner: 'Dev', direction: 'neutral' });
  const answer = (itemIndex: number, text: string, personaIds: string[]) =>
    value(library, 'chair.answer', { meetingId: march.id, itemId: march.agenda[itemIndex]!.id, changes: { text, personaIds } });
  answer(0, 'Bills go up for heavy users', [priya.id]);
  answer(1, 'Commuters lose their work on the subway', [hiro.id]);
  answer(2, 'Nothing changes for them', [priya.id]);
  answer(3, 'Fewer free riders', [priya.id]);
  return { dir, library, hiro, mobile, march };
}

describe('the ledger search understands words', () => {
  it('finds every form of a word, and a half-typed last word finds what it starts', () => {
    const { library } = seeded();
    expect(texts(library, { text: 'price' })).toEqual(['Move Pro to usage pricing']);
    expect(texts(library, { text: 'prices' })).toEqual(['Move Pro to usage pricing']);
    expect(texts(library, { text: 'PRICED' })).toEqual(['Move Pro to usage pricing']);
    expect(texts(library, { text: 'pricin' })).toEqual(['Move Pro to usage pricing']); // being typed
    expect(texts(library, { text: 'pric usage' })).toEqual([]); // only the last word may be half typed
    expect(texts(library, { text: 'usage pric' })).toEqual(['Move Pro to usage pricing']);
    expect(texts(library, { text: 'pr' })).toEqual([]); // two letters are not expanded
    expect(texts(library, { text: 'shorten 14' })).toEqual(['Shorten the trial to 14 days']); // numbers are words
  });

  it('looks in item notes, the chair answer, persona names and tag labels; #word looks at tags only', () => {
    const { library } = seeded();
    expect(texts(library, { text: 'admins' })).toEqual(['Move Pro to usage pricing']); // item notes
    expect(texts(library, { text: 'subway commuters' })).toEqual(['Ship offline drafts']); // the chair's answer
    expect(texts(library, { text: 'Hiro' })).toEqual(['Ship offline drafts']); // a persona the answer concerns
    expect(texts(library, { text: '#mobile' })).toEqual(['Ship offline drafts']); // a tag
    expect(texts(library, { text: '#mob' })).toEqual(['Ship offline drafts']); // a tag, half typed
    expect(texts(library, { text: '#offline' })).toEqual([]); // # looks at tags only
    expect(texts(library, { text: 'hiro offline' })).toEqual(['Ship offline drafts']);
    expect(texts(library, { text: 'hiro pricing' })).toEqual([]); // every word must be found
    expect(search(library, { text: 'the of' }).total).toBe(4); // only stop words: no word to look for
  });

  it('orders by relevance: a word in the decision itself before the same word only in its item', () => {
    const { library } = seeded();
    // "trial" is the title of the free-plan decision's item (earlier in the agenda), and in the other decision's own text.
    expect(texts(library, {})).toEqual([
      'Move Pro to usage pricing',
      'Ship offline drafts',
      'Keep the free plan',
      'Shorten the trial to 14 days',
    ]);
    expect(texts(library, { text: 'trial' })).toEqual(['Shorten the trial to 14 days', 'Keep the free plan']);
    expect(texts(library, { text: 'plan' })).toEqual(['Keep the free plan', 'Shorten the trial to 14 days']);
  });

  it('keeps exact filters exact alongside words, and pages through ranked results', () => {
    const { library } = seeded();
    expect(texts(library, { text: 'trial', directions: ['helps'] })).toEqual(['Keep the free plan']);
    expect(texts(library, { text: 'trial', owner: 'dev' })).toEqual(['Shorten the trial to 14 days']);
    expect(texts(library, { text: 'trial', owner: 'de' })).toEqual(['Shorten the trial to 14 days']); // owner: part of the name
    expect(texts(library, { text: 'trial', limit: 1, offset: 1 })).toEqual(['Keep the free plan']);
    expect(search(library, { text: 'trial', limit: 1 }).total).toBe(2);
  });

  it('follows every change: edits, renames of personas, tags and meetings, deletes, and a restart', () => {
    const { dir, library, hiro, march } = seeded();
    const decision = march.agenda[1]!.decisions[0]!;
    value(library, 'decisions.update', { meetingId: march.id, decisionId: decision.id, changes: { text: 'Ship cached drafts' } });
    expect(texts(library, { text: 'cached' })).toEqual(['Ship cached drafts']);
    expect(texts(library, { text: 'drafts offline' })).toEqual(['Ship cached drafts']); // the item title stays
    value(library, 'personas.update', { id: hiro.id, changes: { name: 'Kenji' } });
    expect(texts(library, { text: 'kenji' })).toEqual(['Ship cached drafts']);
    expect(texts(library, { text: 'hiro' })).toEqual([]);
    value(library, 'meetings.update', { id: march.id, changes: { title: 'Quarterly roadmap' } });
    expect(search(library, { text: 'roadmap' }).total).toBe(4);
    expect(search(library, { text: 'march' }).total).toBe(0);
    expect(texts(library, { text: '#mobile' })).toEqual(['Ship cached drafts']);
    closeNow(library);
    const again = start(dir);
    expect(texts(again, { text: 'cached kenji' })).toEqual(['Ship cached drafts']);
    value(again, 'meetings.delete', { id: march.id });
    expect(search(again, { text: 'cached' }).total).toBe(0);
    expect(search(again, {}).total).toBe(0);
  });
});
