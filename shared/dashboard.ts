/** The dashboard's figures across meetings: pure, so the service computes them and tests check them. */
import { chairCoverage } from './coverage';
import { IMPACT_DIRECTIONS, type ImpactDirection, type Meeting, type Persona, type Tag } from './domain';

export type DirectionCounts = Record<ImpactDirection, number>;

export interface DashboardWeek {
  /** Monday of the week (UTC), YYYY-MM-DD. */
  weekStart: string;
  meetings: number;
  discussed: number;
  covered: number;
  /** covered / discussed, or null when nothing was discussed that week. */
  coverage: number | null;
  decisions: DirectionCounts;
}

export interface Dashboard {
  weeks: DashboardWeek[];
  byTag: { tagId: string; label: string; total: number; decisions: DirectionCounts }[];
  byPersona: { personaId: string; name: string; answers: DirectionCounts; /** helps − hurts */ net: number }[];
  totals: { meetings: number; decisions: number; discussed: number; covered: number; coverage: number | null };
}

const noDirections = (): DirectionCounts => Object.fromEntries(IMPACT_DIRECTIONS.map((d) => [d, 0])) as DirectionCounts;

export function weekStart(iso: string): string {
  const day = new Date(iso);
  const monday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - ((day.getUTCDay() + 6) % 7)));
  return monday.toISOString().slice(0, 10);
}

/** Meetings whose date falls in [from, to] (YYYY-MM-DD, inclusive; either may be left out). */
export function buildDashboard(
  meetings: readonly Meeting[],
  library: { personas: readonly Persona[]; tags: readonly Tag[] },
  range: { from?: string; to?: string } = {},
): Dashboard {
  const inRange = meetings.filter((m) => {
    const day = m.scheduledAt.slice(0, 10);
    return (!range.from || day >= range.from) && (!range.to || day <= range.to);
  });
  const weeks = new Map<string, DashboardWeek>();
  const tags = new Map<string, Dashboard['byTag'][number]>();
  const personas = new Map<string, Dashboard['byPersona'][number]>();
  const tagLabel = new Map(library.tags.map((t) => [t.id, t.label]));
  const personaName = new Map(library.personas.map((p) => [p.id, p.name]));
  const totals = { meetings: inRange.length, decisions: 0, discussed: 0, covered: 0, coverage: null as number | null };

  for (const meeting of inRange) {
    const key = weekStart(meeting.scheduledAt);
    const week = weeks.get(key) ?? { weekStart: key, meetings: 0, discussed: 0, covered: 0, coverage: null, decisions: noDirections() };
    weeks.set(key, week);
    const coverage = chairCoverage(meeting);
    week.meetings++;
    week.discussed += coverage.discussed;
    week.covered += coverage.covered;
    for (const item of meeting.agenda) {
      for (const decision of item.decisions) {
        week.decisions[decision.direction]++;
        totals.decisions++;
        for (const tagId of new Set(decision.tags.map((tag) => tag.tagId))) { // several people's same tag counts once
          const row = tags.get(tagId) ?? { tagId, label: tagLabel.get(tagId) ?? tagId, total: 0, decisions: noDirections() };
          tags.set(tagId, row);
          row.total++;
          row.decisions[decision.direction]++;
        }
      }
      const answer = item.answer;
      if (!answer?.direction || answer.text.trim() === '') continue;
      for (const personaId of answer.personaIds.length ? answer.personaIds : meeting.personaIds) {
        const row = personas.get(personaId) ?? { personaId, name: personaName.get(personaId) ?? personaId, answers: noDirections(), net: 0 };
        personas.set(personaId, row);
        row.answers[answer.direction]++;
        row.net = row.answers.helps - row.answers.hurts;
      }
    }
  }
  for (const week of weeks.values()) {
    week.coverage = week.discussed === 0 ? null : week.covered / week.discussed;
    totals.discussed += week.discussed;
    totals.covered += week.covered;
  }
  totals.coverage = totals.discussed === 0 ? null : totals.covered / totals.discussed;
  return {
    weeks: [...weeks.values()].sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
    byTag: [...tags.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label)),
    byPersona: [...personas.values()].sort((a, b) => a.name.localeCompare(b.name)),
    totals,
  };
}
