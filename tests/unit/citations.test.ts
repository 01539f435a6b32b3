/**
 * Citing customer evidence (issue 19 §3) through the real service: a real temp library, a real
 * evidence file imported from disk, an accounts file joined to it. The citation is built by the
 * service from the live item; bad calls are refused with a typed error and change nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import { LIMITS } from '../../shared/limits';
import { citedAccounts } from '../../shared/summary/citations';
import { closeNow, closeOpened, errorCodeOf, openTemp, snapshotFiles, valueOf } from './helpers';
import { itemOf, setUp } from './citationsHelpers';

afterEach(closeOpened);

describe('citations.add and citations.remove', () => {
  it('cites on the answer: the service copies quote, customer, source, date and account from the live item; one write, one event', async () => {
    const { library, keyOf, on, sourceId } = await setUp();
    const events: ApiEvent[] = [];
    library.service.events.subscribe((event) => events.push(event));
    const meeting = valueOf<Meeting>(library, 'citations.add', on(keyOf('too expensive')));
    expect(itemOf(meeting).citations).toEqual([
      {
        by: 'Ana',
        at: expect.any(String),
        sourceId,
        key: keyOf('too expensive'),
        quote: 'Pricing page\n\nThe new price is too expensive for us',
        customer: 'Zoë Martin',
        sourceName: 'Help desk',
        date: '2026-11-20',
        account: { name: 'Acme Corp', segment: 'Enterprise', arr: 120000, currency: 'USD' },
      },
    ]);
    expect(events.filter((event) => event.event === 'meeting.changed')).toHaveLength(1);
    expect(itemOf(meeting).decisions[0]!.citations).toEqual([]);
  });

  it('cites on a decision; the decision shows the accounts it touches through citedAccounts; un-cite takes it back', async () => {
    const { library, keyOf, on } = await setUp();
    valueOf(library, 'citations.add', on(keyOf('too expensive'), true));
    const meeting = valueOf<Meeting>(library, 'citations.add', on(keyOf('invoice is confusing'), true));
    const decision = itemOf(meeting).decisions[0]!;
    expect(decision.citations.map((c) => c.customer)).toEqual(['Zoë Martin', 'Hans']);
    expect(decision.updatedAt).toBe(decision.citations[1]!.at);
    expect(citedAccounts(decision.citations).revenue).toEqual([
      { currency: 'EUR', arr: 50000 },
      { currency: 'USD', arr: 120000 },
    ]);
    expect(itemOf(meeting).citations).toEqual([]);
    const after = valueOf<Meeting>(library, 'citations.remove', on(keyOf('too expensive'), true));
    expect(itemOf(after).decisions[0]!.citations.map((c) => c.customer)).toEqual(['Hans']);
  });

  it('refuses with a typed error and changes nothing: unknown evidence, already cited, unknown item or decision, not cited', async () => {
    const { library, keyOf, on, meeting, item, decisionId } = await setUp();
    valueOf(library, 'citations.add', on(keyOf('too expensive')));
    const refused: [unknown, string, string][] = [
      [{ ...on('no-such-key') }, 'citations.add', 'not_found'],
      [{ ...on(keyOf('too expensive')), sourceId: 'no-such-source' }, 'citations.add', 'not_found'],
      [on(keyOf('too expensive')), 'citations.add', 'conflict'],
      [{ ...on(keyOf('too expensive')), itemId: 'nope' }, 'citations.add', 'not_found'],
      [{ ...on(keyOf('too expensive')), decisionId: 'nope' }, 'citations.add', 'not_found'],
      // A decision of another item is not this item's.
      [{ ...on(keyOf('too expensive')), itemId: meeting.agenda[1]!.id, decisionId }, 'citations.add', 'not_found'],
      [on(keyOf('invoice is confusing')), 'citations.remove', 'not_found'],
      [on(keyOf('too expensive'), true), 'citations.remove', 'not_found'],
      // The client never sends the quote: the service copies it.
      [{ ...on(keyOf('invoice is confusing')), quote: 'made up' }, 'citations.add', 'invalid_input'],
      [{ ...on(''), itemId: item.id }, 'citations.add', 'invalid_input'],
    ];
    const before = snapshotFiles(library.dataDir);
    const memory = JSON.stringify(library.service.meeting(meeting.id));
    for (const [input, method, code] of refused)
      expect([method, input, errorCodeOf(library, method, input)]).toEqual([method, input, code]);
    expect(snapshotFiles(library.dataDir)).toEqual(before);
    expect(JSON.stringify(library.service.meeting(meeting.id))).toBe(memory);
  });

  it(`holds exactly ${LIMITS.citationsPerEntryMax} citations on one answer and refuses the next`, async () => {
    const { library, hits, on } = await setUp();
    expect(hits.length).toBeGreaterThan(LIMITS.citationsPerEntryMax);
    let meeting: Meeting | undefined;
    for (const hit of hits.slice(0, LIMITS.citationsPerEntryMax)) meeting = valueOf<Meeting>(library, 'citations.add', on(hit.key));
    expect(itemOf(meeting!).citations).toHaveLength(LIMITS.citationsPerEntryMax);
    const before = snapshotFiles(library.dataDir);
    expect(errorCodeOf(library, 'citations.add', on(hits[LIMITS.citationsPerEntryMax]!.key))).toBe('limit_exceeded');
    expect(snapshotFiles(library.dataDir)).toEqual(before);
    // The decision has a limit of its own.
    for (const hit of hits.slice(0, LIMITS.citationsPerEntryMax)) valueOf(library, 'citations.add', on(hit.key, true));
    expect(errorCodeOf(library, 'citations.add', on(hits[LIMITS.citationsPerEntryMax]!.key, true))).toBe('limit_exceeded');
  });

  it('the citation stays whole after a restart and after its source is deleted; the deleted item cannot be cited again', async () => {
    const { data, library, keyOf, on, sourceId, meeting } = await setUp();
    const key = keyOf('too expensive');
    valueOf(library, 'citations.add', on(key, true));
    valueOf(library, 'evidence.deleteSource', { id: sourceId });
    closeNow(library);
    const reopened = openTemp(data);
    await reopened.service.evidence.settled();
    const stored = itemOf(valueOf<Meeting>(reopened, 'meetings.get', { id: meeting.id })).decisions[0]!.citations;
    expect(stored).toMatchObject([{ quote: 'Pricing page\n\nThe new price is too expensive for us', sourceName: 'Help desk' }]);
    expect(errorCodeOf(reopened, 'citations.add', on(key))).toBe('not_found');
    expect(itemOf(valueOf<Meeting>(reopened, 'citations.remove', on(key, true))).decisions[0]!.citations).toEqual([]);
  });
});
