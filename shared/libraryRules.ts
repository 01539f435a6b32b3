/**
 * Rules about the library's records (personas, series, templates, meetings' agendas): pure
 * functions over the index, with the errors a request gets when one is broken.
 */
import type { AgendaItem, LibraryIndex, Meeting, Persona, Series, Template } from './domain';
import { ApiError } from './errors';
import { LIMITS } from './limits';
import { plural } from './plural';

/** What a template or the next meeting of a series copies of an agenda item. */
export interface AgendaItemShape {
  title: string;
  owner: string;
  timeboxMinutes: number;
  notes: string;
}

/** Refuses one more record when `count` already reached `max` ("The library holds at most 200 personas."). */
export function checkRoom(count: number, max: number, what: string): void {
  if (count >= max) throw new ApiError('limit_exceeded', `The library holds at most ${max} ${what}.`);
}

export function findPersona(index: LibraryIndex, id: string): Persona {
  const persona = index.personas.find((p) => p.id === id);
  if (!persona) throw new ApiError('not_found', `There is no persona with the id ${id}.`);
  return persona;
}

export function checkPersonas(index: LibraryIndex, ids: readonly string[]): void {
  for (const id of ids) findPersona(index, id);
}

/** The ids of personas still in the library; a deleted one simply no longer sits in the chair. */
export function knownPersonas(index: LibraryIndex, ids: readonly string[]): string[] {
  return ids.filter((personaId) => index.personas.some((p) => p.id === personaId));
}

/** A persona in the chair of some meeting stays: the answer says which meetings to take it out of. */
export function checkPersonaUnused(index: LibraryIndex, persona: Persona): void {
  const usedBy = index.meetings.filter((summary) => summary.personaIds.includes(persona.id));
  if (usedBy.length === 0) return;
  throw new ApiError(
    'conflict',
    `${persona.name} sits in the chair of ${plural(usedBy.length, 'meeting')} ` +
      `("${usedBy[0]!.title}"${usedBy.length > 1 ? ', …' : ''}); take them out of those meetings first.`,
  );
}

export function findSeries(index: LibraryIndex, id: string): Series {
  const series = index.series.find((s) => s.id === id);
  if (!series) throw new ApiError('not_found', `There is no series with the id ${id}.`);
  return series;
}

/** A meeting's title as a series name, numbered when another series already has it ("Weekly sync (2)"). */
export function uniqueSeriesName(index: LibraryIndex, title: string): string {
  const taken = new Set(index.series.map((s) => s.name));
  const base = title.slice(0, LIMITS.nameMax);
  for (let n = 2; taken.has(base) && n < LIMITS.seriesMax + 2; n++) {
    const candidate = `${title.slice(0, LIMITS.nameMax - ` (${n})`.length)} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
  return base;
}

export function findTemplate(index: LibraryIndex, id: string): Template {
  const template = index.templates.find((t) => t.id === id);
  if (!template) throw new ApiError('not_found', `There is no template with the id ${id}.`);
  return template;
}

/** The reusable shape of a meeting's agenda: what a template or the next meeting of a series copies. */
export function agendaShape(meeting: Meeting): AgendaItemShape[] {
  return meeting.agenda.map(({ title, owner, timeboxMinutes, notes }) => ({ title, owner, timeboxMinutes, notes }));
}

/** A template saved from a meeting: its people, chair, series and the shape of its agenda. */
export function templateFrom(meeting: Meeting, name: string, id: string, at: string): Template {
  return {
    id,
    name,
    title: meeting.title,
    lead: meeting.lead,
    participants: meeting.participants,
    personaIds: meeting.personaIds,
    seriesId: meeting.seriesId,
    agenda: agendaShape(meeting),
    createdAt: at,
  };
}

/** A new agenda item: not answered, not started, no decisions yet. */
export function newAgendaItem(id: string, draft: AgendaItemShape): AgendaItem {
  return { id, ...draft, answer: null, noImpactReason: null, skipped: false, startedAt: null, decisions: [], proposals: [], citations: [] };
}

/** " (2026-11-09)" or " (2026-11-09) (2)" at the end of a title: the part nextMeetingTitle adds. */
const NEXT_SUFFIX = /(?: \(\d{4}-\d{2}-\d{2}\))?(?: \(\d+\))?$/;

/**
 * The next meeting of a series gets the title of the one it follows with its own day
 * ("Weekly sync (2026-11-09)"), replacing the day an earlier "next" added, so the meetings list
 * never shows two identical rows; " (2)", " (3)" … where that title is already taken. A base too
 * long for the limit is shortened with an ellipsis, visibly.
 */
export function nextMeetingTitle(takenTitles: Iterable<string>, title: string, day: string): string {
  const taken = new Set(takenTitles);
  const base = title.replace(NEXT_SUFFIX, '') || title;
  const fit = (suffix: string) =>
    base.length + suffix.length <= LIMITS.titleMax ? `${base}${suffix}` : `${base.slice(0, LIMITS.titleMax - suffix.length - 1)}…${suffix}`;
  let candidate = fit(` (${day})`);
  for (let n = 2; taken.has(candidate) && n <= LIMITS.meetingsMax + 1; n++) candidate = fit(` (${day}) (${n})`);
  return candidate;
}
