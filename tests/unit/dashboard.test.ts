import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/dashboard';
import { weekStart } from '../../shared/dashboard';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { tempDir } from './helpers';

const toClose: OpenLibrary[] = [];
afterEach(() => toClose.splice(0).forEach((library) => library.close()));
function value<T>(library: OpenLibrary, method: string, input: unknown): T {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('dashboard', () => {
  it('puts meetings in ISO weeks starting on Monday (local time; UTC here)', () => {
    expect(weekStart('2026-11-23T09:00:00Z')).toBe('2026-11-23'); // a Monday
    expect(weekStart('2026-11-29T23:59:00Z')).toBe('2026-11-23'); // the Sunday after
    expect(weekStart('2026-11-30T00:00:00Z')).toBe('2026-11-30');
  });

  it('counts coverage and directions per week, by tag and by persona, within a date range', () => {
    const library = openLibrary({ dataDir: tempDir(), StoreClass: Conf, role: 'test', backupIntervalMs: null });
    toClose.push(library);
    const priya = value<{ id: string }>(library, 'personas.create', { name: 'Priya' });
    const run = (title: string, scheduledAt: string, answers: (string | null)[], decisions: { direction: string; tagIds: string[] }[]) => {
      let meeting = value<Meeting>(library, 'meetings.create', {
        title,
        scheduledAt,
        personaIds: [priya.id],
        agenda: answers.map((_, i) => ({ title: `Item ${i}` })),
      });
      meeting = value<Meeting>(library, 'meetings.start', { id: meeting.id });
      answers.forEach((direction, i) => {
        const itemId = meeting.agenda[i]!.id;
        if (direction) value(library, 'chair.answer', { meetingId: meeting.id, itemId, changes: { text: 'because', direction } });
        for (const decision of i === 0 ? decisions : [])
          value(library, 'decisions.add', { meetingId: meeting.id, itemId, decision: { text: 'd', ...decision } });
        value(library, i === answers.length - 1 ? 'meetings.end' : 'meetings.next', { id: meeting.id, skip: true });
      });
    };
    run(
      'Week 1 a',
      '2026-11-02T10:00:00Z',
      ['helps', null],
      [
        { direction: 'helps', tagIds: ['pricing'] },
        { direction: 'hurts', tagIds: ['pricing', 'support'] },
      ],
    );
    run('Week 1 b', '2026-11-04T10:00:00Z', ['hurts'], []);
    run('Week 2', '2026-11-10T10:00:00Z', ['helps', 'helps', null, null], [{ direction: 'unknown', tagIds: ['support'] }]);
    run('Outside', '2026-12-01T10:00:00Z', ['hurts'], [{ direction: 'hurts', tagIds: ['pricing'] }]);

    const dashboard = value<Dashboard>(library, 'dashboard.get', { from: '2026-11-01', to: '2026-11-30' });
    expect(dashboard.weeks.map((w) => [w.weekStart, w.meetings, w.covered, w.discussed])).toEqual([
      ['2026-11-02', 2, 2, 3],
      ['2026-11-09', 1, 2, 4],
    ]);
    expect(dashboard.weeks[0]!.coverage).toBeCloseTo(2 / 3);
    expect(dashboard.weeks[0]!.decisions).toMatchObject({ helps: 1, hurts: 1, unknown: 0 });
    expect(dashboard.byTag.map((t) => [t.label, t.total, t.decisions.hurts])).toEqual([
      ['pricing', 2, 1],
      ['support', 2, 1],
    ]);
    expect(dashboard.byPersona).toEqual([
      { personaId: priya.id, name: 'Priya', answers: { helps: 3, hurts: 1, mixed: 0, neutral: 0, unknown: 0 }, net: 2 },
    ]);
    expect(dashboard.totals).toMatchObject({ meetings: 3, decisions: 3, covered: 4, discussed: 7 });
    const everything = value<Dashboard>(library, 'dashboard.get', {});
    expect(everything.totals.meetings).toBe(4);
    // The weeks without meetings up to December stay on the axis, at zero.
    expect(everything.weeks.map((w) => [w.weekStart, w.meetings])).toEqual([
      ['2026-11-02', 2],
      ['2026-11-09', 1],
      ['2026-11-16', 0],
      ['2026-11-23', 0],
      ['2026-11-30', 1],
    ]);
    expect(everything.weeks[2]!.coverage).toBeNull();
  });

  it('is empty, not broken, for an empty library', () => {
    const library = openLibrary({ dataDir: tempDir(), StoreClass: Conf, role: 'test', backupIntervalMs: null });
    toClose.push(library);
    expect(value<Dashboard>(library, 'dashboard.get', {})).toEqual({
      weeks: [],
      byTag: [],
      byPersona: [],
      totals: { meetings: 0, decisions: 0, discussed: 0, covered: 0, coverage: null, citing: 0, evidenceCoverage: null },
      byMeeting: [],
      accounts: { accounts: [], revenue: [], total: 0 },
    });
  });
});
