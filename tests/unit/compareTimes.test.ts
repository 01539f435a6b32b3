/**
 * compareTimes (shared/domain.ts) orders times as localeCompare does, taking a shortcut for the form
 * toISOString writes: checked against localeCompare itself on seeded random times of that form and
 * of others, and through the meeting list's order.
 */
import { describe, expect, it } from 'vitest';
import { compareMeetingsNewestFirst, compareTimes, type MeetingSummary } from '../../shared/domain';
import { seededRandom as random } from './helpers';

const next = random(20261207);
const isoTimes = Array.from({ length: 600 }, () => new Date(Date.UTC(1970, 0, 1) + Math.floor(next() * 4_102_444_800_000)).toISOString());
// Same minute, other seconds or milliseconds: the digits that differ sit late in the string.
const close = Array.from(
  { length: 100 },
  (_, i) => `2026-12-07T06:1${i % 10}:${String(i % 60).padStart(2, '0')}.${String(i * 7).padStart(3, '0')}Z`,
);
// Forms the shortcut must leave to localeCompare: offsets, no milliseconds, dates alone, other lengths.
const others = ['2026-12-07T07:10:00+01:00', '2026-12-07T06:10:00Z', '2026-12-07', '2026-12-07T06:10:00.5Z', '+012026-12-07T06:10:00.000Z'];
const sign = (n: number) => Math.sign(n);

describe('compareTimes', () => {
  it('orders as localeCompare does, every pair of 700 times in the form toISOString writes and five in others', () => {
    const all = [...isoTimes, ...close, ...others];
    for (const a of all)
      for (const b of all) if (sign(compareTimes(a, b)) !== sign(a.localeCompare(b))) expect([a, b]).toBe('ordered alike');
    expect([...all].sort(compareTimes)).toEqual([...all].sort((a, b) => a.localeCompare(b)));
  });

  it('keeps the meeting list newest first, then by creation, then by id', () => {
    const summary = (id: string, scheduledAt: string, createdAt: string) => ({ id, scheduledAt, createdAt }) as MeetingSummary;
    const list = [
      summary('b', '2026-01-12T10:00:00.000Z', '2026-01-01T00:00:00.000Z'),
      summary('a', '2026-01-12T10:00:00.000Z', '2026-01-01T00:00:00.000Z'),
      summary('c', '2026-03-09T10:00:00.000Z', '2026-01-01T00:00:00.000Z'),
      summary('d', '2026-01-12T10:00:00.000Z', '2026-01-02T00:00:00.000Z'),
    ];
    expect(list.sort(compareMeetingsNewestFirst).map((m) => m.id)).toEqual(['c', 'd', 'a', 'b']);
  });
});
