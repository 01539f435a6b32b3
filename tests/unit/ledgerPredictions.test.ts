/**
 * The ledger's answer without exact filters (a slice of the ranked slots, its reviewed decisions
 * found from the outcomes: docs/performance.md, finding 19) against the same query through the
 * filtered path and against the figures computed straight from the meetings.
 */
import { describe, expect, it } from 'vitest';
import { IMPACT_DIRECTIONS, type Meeting, type Outcome } from '../../shared/domain';
import { predictionStats } from '../../shared/outcomes';
import { ledgerQuerySchema, type LedgerQuery } from '../../shared/ledger';
import { LedgerIndex } from '../../electron/service/ledgerIndex';
import { generateLibrary } from '../../scripts/bench/generate';
import { tempDir } from './helpers';

/** 40 meetings; every third decision has an outcome, its direction cycling through all five. */
function reviewedLibrary() {
  const meetings: Meeting[] = generateLibrary(tempDir('empty-chair-ledger-predictions-'), { meetings: 40 });
  let n = 0;
  for (const meeting of meetings)
    for (const item of meeting.agenda)
      for (const decision of item.decisions)
        if (n++ % 3 === 0) {
          const outcome: Outcome = {
            by: 'Ana',
            at: '2026-01-05T10:00:00.000Z',
            direction: IMPACT_DIRECTIONS[n % 5]!,
            note: '',
            meetingId: null,
          };
          decision.outcome = outcome;
        }
  const ledger = new LedgerIndex();
  for (const meeting of meetings) ledger.update(meeting);
  return { meetings, ledger };
}

const ask = (ledger: LedgerIndex, query: LedgerQuery) => ledger.search(ledgerQuerySchema.parse(query), true);
/** The same query with a filter every decision passes: the path that tests each row. */
const filtered = (query: LedgerQuery): LedgerQuery => ({ ...query, directions: [...IMPACT_DIRECTIONS] });

describe('the ledger without exact filters', () => {
  it('counts the predictions of every decision as the meetings hold them', () => {
    const { meetings, ledger } = reviewedLibrary();
    const decisions = meetings.flatMap((meeting) => meeting.agenda.flatMap((item) => item.decisions));
    const expected = predictionStats(decisions);
    expect(expected.reviewed).toBeGreaterThan(50);
    const answer = ask(ledger, {});
    expect(answer.total).toBe(decisions.length);
    expect(answer.predictions).toEqual(expected);
  });

  it.each<LedgerQuery>([
    {},
    { text: 'pricing' },
    { text: 'ship onboarding chan' },
    { text: 'pricing', offset: 7, limit: 5 },
    { offset: 790, limit: 50 },
  ])('answers %j as the filtered path does: total, page and predictions', (query) => {
    const { ledger } = reviewedLibrary();
    const fast = ask(ledger, query);
    const slow = ask(ledger, filtered(query));
    expect(fast.total).toBeGreaterThan(0);
    expect(fast).toEqual(slow);
    expect(ask(ledger, query)).toEqual(fast); // the marks are left clear between calls
  });
});
