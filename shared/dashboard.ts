/** The dashboard's figures across meetings: pure, so the service computes them and tests check them. */
import { chairCoverage } from './coverage';
import { type Citation, type ImpactDirection, type Meeting, type Persona, type Tag } from './domain';
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
  /** All the week's decisions (the sum of `decisions`), counted here so no screen adds them up again. */
  decisionCount: number;
  /** Decisions that cite customer evidence (shared/summary/citations.ts: evidenceCoverage). */
  citing: number;
  /** citing / decisionCount, or null when no decision was logged that week. */
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

/** Local calendar days (YYYY-MM-DD), inclusive; either may be left out. */
export interface DashboardRange {
  from?: string;
  to?: string;
}

/** What the dashboard names its rows by. */
export interface DashboardLibrary {
  personas: readonly Persona[];
  tags: readonly Tag[];
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * Direction counts, always made here as one object literal so they all share one shape: a merge at
 * 10,000 meetings adds about 130,000 of them, and adding them by a direction name across objects of
 * several shapes was half its time (docs/performance.md, finding 16). The type makes it exhaustive.
 */
export const directionCounts = (helps = 0, hurts = 0, mixed = 0, neutral = 0, unknown = 0): DirectionCounts => ({
  helps,
  hurts,
  mixed,
  neutral,
  unknown,
});

/** Only the directions (an answer's counts also hold "unset"), so the figures are what the cache stores. */
const pickDirections = (c: DirectionCounts): DirectionCounts => directionCounts(c.helps, c.hurts, c.mixed, c.neutral, c.unknown);

const noDirections = (): DirectionCounts => directionCounts();

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
  decisionCount: 0,
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

/**
 * One meeting's share of the dashboard, computed once per version of the meeting (the service
 * keeps it beside the meeting object, so a dashboard merges 10,000 of these rather than walking
 * 200,000 decisions; docs/performance.md, finding 12).
 */
export interface MeetingFigures {
  held: boolean;
  /** The local calendar day of scheduledAt (YYYY-MM-DD) and the Monday of its week. */
  day: string;
  week: string;
  discussed: number;
  covered: number;
  decisions: DirectionCounts;
  /** The tags the meeting's decisions carry, and per tag the decisions carrying it by direction. */
  tagIds: string[];
  /**
   * Five numbers per tag in tagIds' order, the directions in directionCounts' order: flat, so the
   * figure cache hands back a view of the numbers it read instead of building 100,000 objects
   * (findings 16-17; an Int32Array there, an array here).
   */
  tagCounts: ArrayLike<number>;
  /** Per persona the meeting's answers speak for (none for personas nothing was said for). */
  personas: { personaId: string; counts: DirectionCounts; net: number }[];
  evidence: DashboardMeeting;
  citations: Citation[];
}

export function meetingFigures(meeting: Meeting): MeetingFigures {
  const coverage = chairCoverage(meeting);
  const decisions = noDirections();
  const tags = new Map<string, DirectionCounts>();
  for (const item of meeting.agenda) {
    for (const decision of item.decisions) {
      decisions[decision.direction]++;
      for (const tagId of distinctTagIds(decision.tags)) {
        const counts = tags.get(tagId) ?? noDirections();
        tags.set(tagId, counts);
        counts[decision.direction]++;
      }
    }
  }
  return {
    held: isMeetingHeld(meeting),
    day: localDay(meeting.scheduledAt),
    week: weekStart(meeting.scheduledAt),
    discussed: coverage.discussed,
    covered: coverage.covered,
    decisions,
    tagIds: [...tags.keys()],
    tagCounts: [...tags.values()].flatMap((c) => [c.helps, c.hurts, c.mixed, c.neutral, c.unknown]),
    personas: tallyPersonaAnswers(meeting)
      .tallies.filter((tally) => tally.answers.length > 0) // in the chair, but nothing was said for them
      .map((tally) => ({ personaId: tally.personaId, counts: pickDirections(tally.counts), net: tally.net })),
    evidence: meetingEvidence(meeting),
    citations: meetingCitations(meeting),
  };
}

const sum = (c: DirectionCounts): number => c.helps + c.hurts + c.mixed + c.neutral + c.unknown;

export type TagRow = Dashboard['byTag'][number];
export type PersonaRow = Dashboard['byPersona'][number];

/**
 * The dashboard summed meeting by meeting: the one place its figures are added. mergeDashboard feeds
 * it MeetingFigures; the figure cache feeds it the numbers of its file as they lie (no object per
 * meeting, docs/performance.md finding 20). Counts come as five numbers in directionCounts' order.
 */
export class DashboardSum {
  private readonly weeks = new Map<string, DashboardWeek>();
  private readonly tags = new Map<string, TagRow>();
  private readonly personas = new Map<string, PersonaRow>();
  private readonly tagNames: Map<string, string>;
  private readonly personaNames: Map<string, string>;
  private readonly totals: Dashboard['totals'] = {
    meetings: 0,
    decisions: 0,
    discussed: 0,
    covered: 0,
    coverage: null,
    citing: 0,
    evidenceCoverage: null,
  };
  private readonly citations: Citation[] = [];
  private readonly byMeeting: DashboardMeeting[] = [];

  constructor(
    library: DashboardLibrary,
    private readonly range: DashboardRange = {},
  ) {
    this.tagNames = new Map(library.tags.map((t) => [t.id, t.label]));
    this.personaNames = new Map(library.personas.map((p) => [p.id, p.name]));
  }

  /** Whether a meeting counts: one that never ran has nothing to count; from/to are local calendar days. */
  counts(held: boolean, day: string): boolean {
    return held && (!this.range.from || day >= this.range.from) && (!this.range.to || day <= this.range.to);
  }

  week(key: string): DashboardWeek {
    let week = this.weeks.get(key);
    if (!week) this.weeks.set(key, (week = emptyWeek(key)));
    return week;
  }

  tag(tagId: string): TagRow {
    let row = this.tags.get(tagId);
    if (!row) this.tags.set(tagId, (row = { tagId, label: this.tagNames.get(tagId) ?? tagId, total: 0, decisions: noDirections() }));
    return row;
  }

  persona(personaId: string): PersonaRow {
    let row = this.personas.get(personaId);
    if (!row) {
      row = { personaId, name: this.personaNames.get(personaId) ?? personaId, answers: noDirections(), net: 0 };
      this.personas.set(personaId, row);
    }
    return row;
  }

  /** A counted meeting's own figures; its tag, persona and citation rows follow. */
  addMeeting(
    week: DashboardWeek,
    discussed: number,
    covered: number,
    decisions: ArrayLike<number>,
    at: number,
    evidence: DashboardMeeting,
  ) {
    this.totals.meetings++;
    week.meetings++;
    week.discussed += discussed;
    week.covered += covered;
    week.citing += evidence.citing;
    addAt(week.decisions, decisions, at);
    this.totals.decisions += evidence.decisions;
    this.totals.citing += evidence.citing;
    this.byMeeting.push(evidence);
  }

  /** A tag's five counts at `counts[at…]`. */
  addTag(row: TagRow, counts: ArrayLike<number>, at: number): void {
    addAt(row.decisions, counts, at);
    row.total += counts[at]! + counts[at + 1]! + counts[at + 2]! + counts[at + 3]! + counts[at + 4]!;
  }

  addPersona(row: PersonaRow, counts: ArrayLike<number>, at: number, net: number): void {
    addAt(row.answers, counts, at);
    row.net += net;
  }

  addCitations(citations: readonly Citation[]): void {
    for (const citation of citations) this.citations.push(citation);
  }

  result(): Dashboard {
    const { totals, weeks } = this;
    for (const week of weeks.values()) {
      week.coverage = share(week.covered, week.discussed);
      week.decisionCount = sum(week.decisions);
      week.evidenceCoverage = share(week.citing, week.decisionCount);
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
      byTag: [...this.tags.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label)),
      byPersona: [...this.personas.values()].sort((a, b) => a.name.localeCompare(b.name)),
      totals,
      byMeeting: this.byMeeting.sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt) || a.title.localeCompare(b.title)),
      accounts: mostAffected(this.citations),
    };
  }
}

function addAt(into: DirectionCounts, from: ArrayLike<number>, at: number): void {
  into.helps += from[at]!;
  into.hurts += from[at + 1]!;
  into.mixed += from[at + 2]!;
  into.neutral += from[at + 3]!;
  into.unknown += from[at + 4]!;
}

const countsOf = (c: DirectionCounts): number[] => [c.helps, c.hurts, c.mixed, c.neutral, c.unknown];

/** Adds one meeting's figures, if it counts. */
export function addFigures(into: DashboardSum, figures: MeetingFigures): void {
  if (!into.counts(figures.held, figures.day)) return;
  into.addMeeting(into.week(figures.week), figures.discussed, figures.covered, countsOf(figures.decisions), 0, figures.evidence);
  into.addCitations(figures.citations);
  const { tagIds, tagCounts } = figures;
  for (let i = 0; i < tagIds.length; i++) into.addTag(into.tag(tagIds[i]!), tagCounts, 5 * i);
  for (const tally of figures.personas) into.addPersona(into.persona(tally.personaId), countsOf(tally.counts), 0, tally.net);
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
  return mergeDashboard(meetings.map(meetingFigures), library, range);
}

/** The dashboard from each meeting's figures (meetingFigures); the same result as buildDashboard. */
export function mergeDashboard(
  meetings: readonly MeetingFigures[],
  library: { personas: readonly Persona[]; tags: readonly Tag[] },
  range: { from?: string; to?: string } = {},
): Dashboard {
  const into = new DashboardSum(library, range);
  for (const figures of meetings) addFigures(into, figures);
  return into.result();
}
