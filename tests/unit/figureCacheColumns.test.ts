/**
 * The dashboard added straight from the figure cache's columns (StoredEntry.addTo, finding 20) is
 * the dashboard mergeDashboard makes from the same meetings' figures, to the byte of its JSON, over
 * any range; an entry whose figures were built or replaced is added from those figures instead.
 */
import { describe, expect, it } from 'vitest';
import { decodeFigureFile, encodeFigureFile, StoredEntry, type Entry } from '../../electron/service/figureCacheFormat';
import { addFigures, buildDashboard, DashboardSum, meetingFigures, mergeDashboard, type DashboardRange } from '../../shared/dashboard';
import type { Meeting } from '../../shared/domain';
import { variedLibrary } from './fixtures/variedLibrary';

const ZONE = 'Europe/Berlin';
const varied = variedLibrary(200);
const library = { ...varied, meetings: varied.meetings.map((meeting, i) => (i % 3 === 0 ? withCitation(meeting, i) : meeting)) };
const entries = new Map<string, Entry>(
  library.meetings.map((meeting, i) => [
    meeting.id,
    {
      file: [i, 100 + i, 1_765_000_000_000 + i],
      revision: meeting.revision,
      updatedAt: meeting.updatedAt,
      figures: meetingFigures(meeting),
    },
  ]),
);
const decode = () => decodeFigureFile(encodeFigureFile(entries, ZONE), ZONE)!.entries;

/** What FigureCache.dashboard does with entries from the file: each added from its columns. */
function fromColumns(decoded: Map<string, Entry>, range: DashboardRange) {
  const sum = new DashboardSum(library, range);
  for (const { id } of library.meetings) {
    const entry = decoded.get(id)!;
    expect(entry).toBeInstanceOf(StoredEntry);
    (entry as StoredEntry).addTo(sum);
  }
  return sum.result();
}

const days = library.meetings.map((meeting) => meetingFigures(meeting).day).sort();
const middle = days[days.length >> 1]!;
const ranges: [string, DashboardRange][] = [
  ['every meeting', {}],
  ['from the middle day on', { from: middle }],
  ['up to the middle day', { to: middle }],
  ['one day', { from: middle, to: middle }],
  ['an empty range', { from: days.at(-1)!, to: days[0]! }],
];

describe('the dashboard from the figure cache columns', () => {
  it.each(ranges)('is what mergeDashboard makes of the same figures, to the byte, over %s', (_what, range) => {
    const expected = mergeDashboard(
      [...entries.values()].map((entry) => entry.figures),
      library,
      range,
    );
    expect(expected).toEqual(buildDashboard(library.meetings, library, range));
    const got = fromColumns(decode(), range);
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
    if (range === ranges[0]![1]) {
      // The fixture covers what the merge adds: tags, personas, citations and meetings never held.
      expect(got.byTag.length).toBeGreaterThan(2);
      expect(got.byPersona.length).toBeGreaterThan(2);
      expect(got.totals.meetings).toBeLessThan(library.meetings.length);
      expect(got.totals.meetings).toBeGreaterThan(100);
      expect(got.accounts.total).toBeGreaterThan(3);
    }
  });

  it('gives the same dashboard twice from the same columns, and mixes entries of two reads of the file', () => {
    const decoded = decode();
    const first = JSON.stringify(fromColumns(decoded, {}));
    expect(JSON.stringify(fromColumns(decoded, {}))).toBe(first);
    const other = decode();
    const mixed = new Map([...decoded].map(([id, entry], i) => [id, i % 2 === 0 ? entry : other.get(id)!]));
    expect(JSON.stringify(fromColumns(mixed, {}))).toBe(first);
  });

  it('adds an entry whose figures were built or replaced from those figures', () => {
    const decoded = decode();
    const [built, replaced] = library.meetings.filter((meeting) => meetingFigures(meeting).held);
    expect(decoded.get(built!.id)!.figures).toEqual({ ...entries.get(built!.id)!.figures, tagCounts: expect.anything() });
    const changed = { ...entries.get(replaced!.id)!.figures, discussed: 1_000 };
    decoded.get(replaced!.id)!.figures = changed;
    const sum = new DashboardSum(library, {});
    for (const { id } of library.meetings) (decoded.get(id) as StoredEntry).addTo(sum);
    const expected = new DashboardSum(library, {});
    for (const { id } of library.meetings) addFigures(expected, id === replaced!.id ? changed : entries.get(id)!.figures);
    const got = sum.result();
    expect(got).toEqual(expected.result());
    expect(got.totals.discussed).toBe(
      mergeDashboard(
        [...entries.values()].map((e) => e.figures),
        library,
      ).totals.discussed +
        1_000 -
        entries.get(replaced!.id)!.figures.discussed,
    );
  });
});

/** A copy of `meeting` whose first decision cites an account (some without their ARR). */
function withCitation(meeting: Meeting, i: number): Meeting {
  const copy = structuredClone(meeting);
  const decision = copy.agenda.flatMap((item) => item.decisions)[0];
  if (!decision) return meeting;
  const account = { name: `Account ${i % 7}`, segment: 'Enterprise', arr: i % 9 === 0 ? null : 1000 * i, currency: 'EUR' };
  decision.citations = [
    {
      by: '',
      at: meeting.updatedAt,
      sourceId: 'tickets',
      key: `T-${i}`,
      quote: 'Slow',
      customer: '',
      sourceName: 'Tickets',
      date: null,
      account,
    },
  ];
  return copy;
}
