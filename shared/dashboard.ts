/** The dashboard's figures across meetings: pure, so the service computes them and tests check them. */
import { chairCoverage } from './coverage';
import { IMPACT_DIRECTIONS, type Citation, type ImpactDirection, type Meeting, type Persona, type Tag } from './domain';
import { localDay } from './followUps';
import { citedAccounts, evidenceCoverage, meetingCitations, type CitedAccounts } from './summary/citations';
import { isMeetingHeld, tallyPersonaAnswers } from './summary/figures';
import { distinctTagIds } from './tags';

export type DirectionCounts = Record<ImpactDirection, number>;

export interface DashboardWeek {
  /** Monday of the week (in the user's time zone), YYYY-MM-DD. */
  weekStart: string;
  meetings: number;
  discussed: number;
  covered: number;
  /** covered / discussed, or null when nothing was discussed that week. */
  coverage: number | null;
  decisions: DirectionCounts;
  /** Decisions that cite customer evidence (shared/summary/citations.ts: evidenceCoverage). */
  citing: number;
  /** citing / decisions, or null when no decision was logged that week. */
  evidenceCoverage: number | null;
}

/** One held meeting's evidence coverage. */
export interface DashboardMeeting {
  meetingId: string;
  title: string;
  scheduledAt: string;
  decisions: number;
  citing: number;
  evidenceCoverage: number | null;
}

/** How many accounts the dashboard lists as most affected. */
export const DASHBOARD_ACCOUNTS_MAX = 10;

export interface Dashboard {
  weeks: DashboardWeek[];
  byTag: { tagId: string; label: string; total: number; decisions: DirectionCounts }[];
  byPersona: { personaId: string; name: string; answers: DirectionCounts; /** helps − hurts */ net: number }[];
  totals: {
    meetings: number;
    decisions: number;
    discussed: number;
    covered: number;
    coverage: number | null;
    citing: number;
    evidenceCoverage: number | null;
  };
  /** Evidence coverage per meeting, newest first. */
  byMeeting: DashboardMeeting[];
  /** The accounts the meetings' citations touch, most cited first (at most DASHBOARD_ACCOUNTS_MAX), and the revenue of all. */
  accounts: CitedAccounts & { total: number };
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const noDirections = (): DirectionCounts => Object.fromEntries(IMPACT_DIRECTIONS.map((d) => [d, 0])) as DirectionCounts;

/** The Monday of the local week holding `iso`, as YYYY-MM-DD (calendar arithmetic, so DST-safe). */
export function weekStart(iso: string): string {
  const day = new Date(iso);
  return localDay(new Date(day.getFullYear(), day.getMonth(), day.getDate() - ((day.getDay() + 6) % 7)));
}

/** The Monday `weeks` weeks after the Monday `monday` (YYYY-MM-DD). */
function addWeeks(monday: string, weeks: number): string {
  const [year, month, day] = monday.split('-').map(Number) as [number, number, number];
  return localDay(new Date(year, month - 1, day + 7 * weeks));
}

const emptyWeek = (key: string): DashboardWeek => ({
  weekStart: key,
  meetings: 0,
  discussed: 0,
  covered: 0,
  coverage: null,
  decisions: noDirections(),
  citing: 0,
  evidenceCoverage: null,
});

/** The accounts the citations touch most (citedAccounts), and the revenue and count of all of them. */
function mostAffected(citations: readonly Citation[]): Dashboard['accounts'] {
  const { accounts, revenue } = citedAccounts(citations);
  return { accounts: accounts.slice(0, DASHBOARD_ACCOUNTS_MAX), revenue, total: accounts.length };
}

/** A meeting's evidence coverage (shared/summary/citations.ts counts it). */
function meetingEvidence(meeting: Meeting): DashboardMeeting {
  const cited = evidenceCoverage(meeting.agenda.flatMap((item) => item.decisions));
  return {
    meetingId: meeting.id,
    title: meeting.title,
    scheduledAt: meeting.scheduledAt,
    decisions: cited.decisions,
    citing: cited.citing,
    evidenceCoverage: share(cited.citing, cited.decisions),
  };
}

/** Adds a meeting's answers per persona (the impact summary's tally) to the rows. */
function countPersonas(meeting: Meeting, personas: Map<string, Dashboard['byPersona'][number]>, personaName: Map<string, string>): void {
  for (const tally of tallyPersonaAnswers(meeting).tallies) {
    if (tally.answers.length === 0) continue; // in the chair, but nothing was said for them
    const row = personas.get(tally.personaId) ?? {
      personaId: tally.personaId,
      name: personaName.get(tally.personaId) ?? tally.personaId,
      answers: noDirections(),
      net: 0,
    };
    personas.set(tally.personaId, row);
    for (const direction of IMPACT_DIRECTIONS) row.answers[direction] += tally.counts[direction];
    row.net += tally.net;
  }
}

/**
 * Meetings held (started) whose date falls in [from, to] (YYYY-MM-DD, inclusive; either may be left
 * out). Persona figures are the impact summary's (shared/summary/figures.ts), summed over meetings.
 */
export function buildDashboard(
  meetings: readonly Meeting[],
  library: { personas: readonly Persona[]; tags: readonly Tag[] },
  range: { from?: string; to?: string } = {},
): Dashboard {
  const inRange = meetings.filter((m) => {
    if (!isMeetingHeld(m)) return false; // a meeting that never ran has nothing to count
    const day = localDay(m.scheduledAt); // the user's from/to are local calendar days
    return (!range.from || day >= range.from) && (!range.to || day <= range.to);
  });
  const weeks = new Map<string, DashboardWeek>();
  const tags = new Map<string, Dashboard['byTag'][number]>();
  const personas = new Map<string, Dashboard['byPersona'][number]>();
  const tagLabel = new Map(library.tags.map((t) => [t.id, t.label]));
  const personaName = new Map(library.personas.map((p) => [p.id, p.name]));
  const totals: Dashboard['totals'] = {
    meetings: inRange.length,
    decisions: 0,
    discussed: 0,
    covered: 0,
    coverage: null,
    citing: 0,
    evidenceCoverage: null,
  };
  const byMeeting: DashboardMeeting[] = [];
  const citations: Citation[] = [];

  for (const meeting of inRange) {
    const key = weekStart(meeting.scheduledAt);
    const week = weeks.get(key) ?? emptyWeek(key);
    weeks.set(key, week);
    const coverage = chairCoverage(meeting);
    week.meetings++;
    week.discussed += coverage.discussed;
    week.covered += coverage.covered;
    const evidence = meetingEvidence(meeting);
    week.citing += evidence.citing;
    totals.citing += evidence.citing;
    byMeeting.push(evidence);
    citations.push(...meetingCitations(meeting));
    for (const item of meeting.agenda) {
      for (const decision of item.decisions) {
        week.decisions[decision.direction]++;
        totals.decisions++;
        for (const tagId of distinctTagIds(decision.tags)) {
          const row = tags.get(tagId) ?? { tagId, label: tagLabel.get(tagId) ?? tagId, total: 0, decisions: noDirections() };
          tags.set(tagId, row);
          row.total++;
          row.decisions[decision.direction]++;
        }
      }
    }
    countPersonas(meeting, personas, personaName);
  }
  for (const week of weeks.values()) {
    week.coverage = share(week.covered, week.discussed);
    week.evidenceCoverage = share(
      week.citing,
      IMPACT_DIRECTIONS.reduce((sum, d) => sum + week.decisions[d], 0),
    );
    totals.discussed += week.discussed;
    totals.covered += week.covered;
  }
  totals.coverage = share(totals.covered, totals.discussed);
  totals.evidenceCoverage = share(totals.citing, totals.decisions);
  // Weeks without meetings between the first and the last stay on the time axis, at zero: a gap
  // of two months must not look like one week.
  const sorted = [...weeks.keys()].sort();
  const timeline: DashboardWeek[] = [];
  for (let key = sorted[0]; key !== undefined && key <= sorted.at(-1)!; key = addWeeks(key, 1))
    timeline.push(weeks.get(key) ?? emptyWeek(key));
  return {
    weeks: timeline,
    byTag: [...tags.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label)),
    byPersona: [...personas.values()].sort((a, b) => a.name.localeCompare(b.name)),
    totals,
    byMeeting: byMeeting.sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt) || a.title.localeCompare(b.title)),
    accounts: mostAffected(citations),
  };
}
