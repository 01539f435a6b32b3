/**
 * Undo of an un-cite (`citations.restore`) through the real service, on a real temp library with
 * real imported evidence: the removed copy goes back identical and in its place, also after its
 * source was deleted (when it could never be cited again); refusals are typed and change nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Citation, Meeting } from '../../shared/domain';
import { LIMITS } from '../../shared/limits';
import { closeNow, closeOpened, errorCodeOf, openTemp, snapshotFiles, valueOf } from './helpers';
import { itemOf, setUp } from './citationsHelpers';

afterEach(closeOpened);

const restoreOf = (on: { meetingId: string; itemId: string; decisionId?: string }, citation: Citation, index?: number) => ({
  meetingId: on.meetingId,
  itemId: on.itemId,
  ...(on.decisionId ? { decisionId: on.decisionId } : {}),
  citation,
  ...(index === undefined ? {} : { index }),
});

describe('citations.restore', () => {
  it('puts the un-cited copy back identical and in its place, on the answer and on a decision', async () => {
    const { library, hits, on } = await setUp();
    for (const decision of [false, true]) {
      let meeting: Meeting | undefined;
      for (const hit of hits.slice(0, 3)) meeting = valueOf<Meeting>(library, 'citations.add', on(hit.key, decision));
      const listOf = (m: Meeting) => (decision ? itemOf(m).decisions[0]!.citations : itemOf(m).citations);
      const cited = listOf(meeting!);
      expect(cited).toHaveLength(3);
      const removed = valueOf<Meeting>(library, 'citations.remove', on(cited[1]!.key, decision));
      expect(listOf(removed).map((c) => c.key)).toEqual([cited[0]!.key, cited[2]!.key]);
      const restored = valueOf<Meeting>(library, 'citations.restore', restoreOf(on('', decision), cited[1]!, 1));
      expect(listOf(restored)).toEqual(cited);
      // Without an index it goes at the end.
      valueOf(library, 'citations.remove', on(cited[0]!.key, decision));
      const atEnd = valueOf<Meeting>(library, 'citations.restore', restoreOf(on('', decision), cited[0]!));
      expect(listOf(atEnd)).toEqual([cited[1], cited[2], cited[0]]);
    }
  });

  it('after its source was deleted (and a restart) the un-cited copy comes back whole, though it can no longer be cited', async () => {
    const { data, library, keyOf, on, sourceId, meeting } = await setUp();
    const key = keyOf('too expensive');
    const cited = itemOf(valueOf<Meeting>(library, 'citations.add', on(key, true))).decisions[0]!.citations;
    valueOf(library, 'evidence.deleteSource', { id: sourceId });
    closeNow(library);
    const reopened = openTemp(data);
    await reopened.service.evidence.settled();
    valueOf(reopened, 'citations.remove', on(key, true));
    expect(errorCodeOf(reopened, 'citations.add', on(key, true))).toBe('not_found');
    valueOf(reopened, 'citations.restore', restoreOf(on(key, true), cited[0]!, 0));
    const stored = itemOf(valueOf<Meeting>(reopened, 'meetings.get', { id: meeting.id })).decisions[0]!;
    expect(stored.citations).toEqual(cited);
    expect(stored.citations[0]!.quote).toBe('Pricing page\n\nThe new price is too expensive for us');
  });

  it('refuses with a typed error and changes nothing: already cited, entry gone, a copy the schema does not allow', async () => {
    const { library, keyOf, on, meeting, decisionId } = await setUp();
    const answer = itemOf(valueOf<Meeting>(library, 'citations.add', on(keyOf('too expensive')))).citations[0]!;
    valueOf(library, 'citations.add', on(keyOf('too expensive'), true));
    // A decision that was removed after the un-cite.
    const gone = itemOf(
      valueOf<Meeting>(library, 'decisions.add', { meetingId: meeting.id, itemId: itemOf(meeting).id, decision: { text: 'Gone soon' } }),
    ).decisions[1]!.id;
    valueOf(library, 'decisions.remove', { meetingId: meeting.id, decisionId: gone });
    const refused: [unknown, string][] = [
      [restoreOf(on(''), answer), 'conflict'],
      [restoreOf(on('', true), answer), 'conflict'],
      [restoreOf({ ...on(''), itemId: 'nope' }, answer), 'not_found'],
      [restoreOf({ ...on(''), decisionId: gone }, answer), 'not_found'],
      [restoreOf({ ...on(''), meetingId: 'nope' }, answer), 'not_found'],
      [restoreOf({ ...on(''), itemId: meeting.agenda[1]!.id, decisionId }, answer), 'not_found'],
      [restoreOf(on(''), { ...answer, key: 'other', quote: 'x'.repeat(LIMITS.citationQuoteMax + 1) }), 'invalid_input'],
      [restoreOf(on(''), { ...answer, key: 'other', quote: '   ' }), 'invalid_input'],
      [restoreOf(on(''), { ...answer, key: 'x'.repeat(LIMITS.citationFieldMax + 1) }), 'invalid_input'],
      [restoreOf(on(''), { ...answer, key: 'other', customer: 'x'.repeat(LIMITS.citationFieldMax + 1) }), 'invalid_input'],
      [restoreOf(on(''), { ...answer, key: 'other', date: 'yesterday' }), 'invalid_input'],
      [restoreOf(on(''), { ...answer, key: 'other', account: { name: 'A', segment: '', arr: -1, currency: 'USD' } }), 'invalid_input'],
      [restoreOf(on(''), { ...answer, key: 'other' }, -1), 'invalid_input'],
    ];
    const before = snapshotFiles(library.dataDir);
    const memory = JSON.stringify(library.service.meeting(meeting.id));
    for (const [input, code] of refused) expect([input, errorCodeOf(library, 'citations.restore', input)]).toEqual([input, code]);
    expect(snapshotFiles(library.dataDir)).toEqual(before);
    expect(JSON.stringify(library.service.meeting(meeting.id))).toBe(memory);
  });

  it(`restores up to ${LIMITS.citationsPerEntryMax} citations on one answer and refuses the next`, async () => {
    const { library, hits, on } = await setUp();
    const max = LIMITS.citationsPerEntryMax;
    let meeting: Meeting | undefined;
    for (const hit of hits.slice(0, max)) meeting = valueOf<Meeting>(library, 'citations.add', on(hit.key));
    const cited = itemOf(meeting!).citations;
    // Un-cite the last, fill its place with another, then its undo would be citation max + 1.
    valueOf(library, 'citations.remove', on(cited[max - 1]!.key));
    const refill = itemOf(valueOf<Meeting>(library, 'citations.add', on(hits[max]!.key))).citations;
    expect(refill).toHaveLength(max);
    valueOf(library, 'citations.remove', on(hits[max]!.key));
    // At the limit: the undo brings the list back to exactly max.
    expect(itemOf(valueOf<Meeting>(library, 'citations.restore', restoreOf(on(''), cited[max - 1]!))).citations).toEqual(cited);
    // At limit + 1: refused, nothing changed.
    const before = snapshotFiles(library.dataDir);
    expect(errorCodeOf(library, 'citations.restore', restoreOf(on(''), refill[max - 1]!))).toBe('limit_exceeded');
    expect(snapshotFiles(library.dataDir)).toEqual(before);
  });
});
