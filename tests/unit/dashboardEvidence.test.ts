/** Issue 19 §4: the dashboard's evidence coverage per meeting and week, and the accounts most affected. */
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import { DASHBOARD_ACCOUNTS_MAX, buildDashboard, type Dashboard } from '../../shared/dashboard';
import type { Citation, Meeting } from '../../shared/domain';
import { buildMeeting } from '../../scripts/bench/generate';
import { tempDir } from './helpers';

const cite = (key: string, account: string | null, arr: number | null = null, currency = 'USD'): Citation => ({
  by: 'Ana',
  at: '2025-01-02T00:00:00.000Z',
  sourceId: 'source-1',
  key,
  quote: `Quote ${key}`,
  customer: account ?? '',
  sourceName: 'Tickets',
  date: '2024-12-20',
  account: account === null ? null : { name: account, segment: 'SMB', arr, currency },
});

/** Meeting i with 20 decisions (the generator's), `citing` of them citing the given accounts in turn. */
function meeting(i: number, citing: number, accounts: (string | null)[]): Meeting {
  const built = buildMeeting(i, 'persona-1');
  built.agenda
    .flatMap((item) => item.decisions)
    .slice(0, citing)
    .forEach((decision, n) => {
      decision.citations = [cite(`k${i}-${n}`, accounts[n % accounts.length]!, 1000 * (n + 1))];
    });
  return built;
}

const library = { personas: [], tags: [] };

describe('dashboard evidence coverage', () => {
  it('counts the share of decisions citing evidence per meeting, per week and in total', () => {
    // Meetings 0 and 1 fall in the same week (the generator spaces them 16.8 hours apart); 20 is weeks later.
    const dashboard = buildDashboard([meeting(0, 5, ['Acme']), meeting(1, 0, []), meeting(20, 20, ['Acme', 'Beta'])], library);
    expect(dashboard.totals).toMatchObject({ decisions: 60, citing: 25, evidenceCoverage: 25 / 60 });
    const first = dashboard.weeks[0]!;
    expect(first).toMatchObject({ meetings: 2, decisionCount: 40, citing: 5, evidenceCoverage: 5 / 40 });
    expect(dashboard.weeks.reduce((n, week) => n + week.decisionCount, 0)).toBe(dashboard.totals.decisions);
    const later = dashboard.weeks.find((week) => week.citing === 20)!;
    expect(later.evidenceCoverage).toBe(1);
    const empty = dashboard.weeks.find((week) => week.meetings === 0);
    expect(empty?.evidenceCoverage).toBeNull(); // no decisions: no share, not 0 %
    expect(empty?.decisionCount).toBe(0);
    expect(dashboard.byMeeting.map((m) => [m.title, m.citing, m.decisions, m.evidenceCoverage])).toEqual([
      ['Support macros review #21', 20, 20, 1],
      ['Onboarding flow review #2', 0, 20, 0],
      ['Pricing page review #1', 5, 20, 0.25],
    ]);
  });

  it('lists the accounts most affected, most cited first, with their revenue per currency', () => {
    const dashboard = buildDashboard([meeting(0, 3, ['Acme', 'acme ', 'Beta']), meeting(1, 1, [null])], library);
    expect(dashboard.accounts.total).toBe(2);
    expect(dashboard.accounts.accounts.map((a) => [a.name.trim(), a.citations])).toEqual([
      ['acme', 2],
      ['Beta', 1],
    ]);
    expect(dashboard.accounts.revenue).toEqual([{ currency: 'USD', arr: 2000 + 3000 }]); // Acme's newest ARR + Beta's
  });

  it(`keeps at most ${DASHBOARD_ACCOUNTS_MAX} accounts and says how many there are`, () => {
    const names = Array.from({ length: DASHBOARD_ACCOUNTS_MAX + 1 }, (_, n) => `Account ${n}`);
    const dashboard = buildDashboard([meeting(0, names.length, names)], library);
    expect(dashboard.accounts.accounts).toHaveLength(DASHBOARD_ACCOUNTS_MAX);
    expect(dashboard.accounts.total).toBe(DASHBOARD_ACCOUNTS_MAX + 1);
    const exactly = buildDashboard([meeting(0, DASHBOARD_ACCOUNTS_MAX, names)], library);
    expect(exactly.accounts.accounts).toHaveLength(DASHBOARD_ACCOUNTS_MAX);
  });
});

describe('dashboard figures kept per meeting in the service', () => {
  it('follows every save: a decision added after a dashboard is counted in the next one', () => {
    const library = openLibrary({ dataDir: tempDir(), StoreClass: Conf, role: 'test', backupIntervalMs: null });
    try {
      const call = <T>(method: string, input: unknown): T => {
        const result = dispatch(library.service, method, input);
        if (!result.ok) throw new Error(result.error.message);
        return result.value as T;
      };
      const persona = call<{ id: string }>('personas.create', { name: 'Priya' });
      const meeting = meetingWith(persona.id);
      call('meetings.import', { meeting });
      expect(call<Dashboard>('dashboard.get', {}).totals).toMatchObject({ decisions: 20, citing: 1 });
      const itemId = meeting.agenda[0]!.id;
      call('decisions.add', { meetingId: meeting.id, itemId, decision: { text: 'One more' } });
      expect(call<Dashboard>('dashboard.get', {}).totals).toMatchObject({ decisions: 21, citing: 1, evidenceCoverage: 1 / 21 });
    } finally {
      library.close();
    }
  });
});

function meetingWith(personaId: string): Meeting {
  const built = buildMeeting(0, personaId);
  built.agenda[0]!.decisions[0]!.citations = [cite('k-1', 'Acme')];
  return built;
}
