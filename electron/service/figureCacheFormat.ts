/**
 * How figureCache.ts stores an entry: an array per meeting rather than the objects MeetingFigures
 * is made of (each direction count named five times over), which made the file 13.6 MB at 10,000
 * meetings instead of 5.2 MB, and its parse the largest part of the first dashboard. Decoding
 * checks by hand what mergeDashboard reads (zod over 10,000 entries cost more than the budget), so
 * a damaged entry is recomputed instead of breaking the dashboard. Since format 3 tag and persona
 * ids are numbers into the file's list of ids (`Ids`) and rows are flat arrays: 3.5 MB instead of
 * 5.2 at 10,000 meetings, parsed in about half the time, and a meeting's tag counts are the parsed
 * array itself (format 4), so decoding builds a few objects per meeting, not thirty (finding 16).
 */
import { directionCounts, type DashboardMeeting, type DirectionCounts, type MeetingFigures } from '../../shared/dashboard';
import { IMPACT_DIRECTIONS, type Citation } from '../../shared/domain';

/** Which meeting file an entry was computed from: inode, size, modification time (ms). */
export type FileStamp = [ino: number, size: number, mtimeMs: number];

export interface Entry {
  /** null when computed from a version in memory that the file may not hold yet. */
  file: FileStamp | null;
  revision: number;
  updatedAt: string;
  figures: MeetingFigures;
}

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const D = IMPACT_DIRECTIONS.length;

/** The counts in the order directionCounts takes them (countsAt reads them back in the same order). */
const counts = (c: DirectionCounts): number[] => [c.helps, c.hurts, c.mixed, c.neutral, c.unknown];

/** Direction counts from `values[from…]`, or null if any is not a count. */
function countsAt(values: unknown[], from: number): DirectionCounts | null {
  for (let i = from; i < from + D; i++) if (!isCount(values[i])) return null;
  const v = values as number[];
  return directionCounts(v[from], v[from + 1], v[from + 2], v[from + 3], v[from + 4]);
}

/**
 * The tag and persona ids of a file, each written once: rows name them by their place. Without
 * one (a single entry on its own) rows hold the ids themselves; decodeEntry reads both.
 */
export class Ids {
  readonly list: string[] = [];
  private readonly places = new Map<string, number>();
  place(id: string): number {
    let at = this.places.get(id);
    if (at === undefined) this.places.set(id, (at = this.list.push(id) - 1));
    return at;
  }
}

export function encodeEntry({ file, revision, updatedAt, figures: f }: Entry, ids?: Ids): unknown[] {
  const e = f.evidence;
  const name = (id: string) => (ids ? ids.place(id) : id);
  return [
    file,
    revision,
    updatedAt,
    f.held ? 1 : 0,
    f.day,
    f.week,
    f.discussed,
    f.covered,
    counts(f.decisions),
    f.tagIds.map(name),
    f.tagCounts,
    f.personas.flatMap((p) => [name(p.personaId), p.net, ...counts(p.counts)]),
    [e.title, e.scheduledAt, e.decisions, e.citing, e.evidenceCoverage],
    f.citations,
  ];
}

/** What citedAccounts reads of a citation: when it was made and the account as it stood. */
const isCitation = (value: unknown): boolean =>
  isObject(value) &&
  typeof value.at === 'string' &&
  (value.account === null ||
    (isObject(value.account) &&
      typeof value.account.name === 'string' &&
      typeof value.account.segment === 'string' &&
      typeof value.account.currency === 'string' &&
      (value.account.arr === null || isNumber(value.account.arr))));

const isStamp = (value: unknown): value is FileStamp | null =>
  value === null || (Array.isArray(value) && value.length === 3 && value.every(isNumber));

/** An id as a row holds it: the id itself, or its place in the file's `ids`; null if neither. */
function idAt(value: unknown, ids: readonly unknown[]): string | null {
  if (typeof value === 'string') return value;
  const id = Number.isInteger(value) ? ids[value as number] : undefined;
  return typeof id === 'string' ? id : null;
}

/** The entry of meeting `meetingId`, or null when `value` is not one this version wrote; `ids` as the file lists them. */
export function decodeEntry(meetingId: string, value: unknown, ids: readonly unknown[] = []): Entry | null {
  if (!Array.isArray(value) || value.length !== 14) return null;
  const [file, revision, updatedAt, held, day, week, discussed, covered, decided, tagPlaces, tagCounts, personaRows, evidence, citations] =
    value;
  if (!isStamp(file) || !isCount(revision) || typeof updatedAt !== 'string' || (held !== 0 && held !== 1)) return null;
  if (typeof day !== 'string' || typeof week !== 'string' || !isCount(discussed) || !isCount(covered)) return null;
  const decisions = Array.isArray(decided) ? countsAt(decided, 0) : null;
  if (!decisions || !Array.isArray(tagPlaces) || !Array.isArray(tagCounts) || !Array.isArray(personaRows) || !Array.isArray(citations))
    return null;
  if (tagCounts.length !== D * tagPlaces.length || personaRows.length % (2 + D) !== 0 || !tagCounts.every(isCount)) return null;
  const tagIds: string[] = [];
  for (const place of tagPlaces) {
    const tagId = idAt(place, ids);
    if (tagId === null) return null;
    tagIds.push(tagId);
  }
  const personas: MeetingFigures['personas'] = [];
  for (let at = 0; at < personaRows.length; at += 2 + D) {
    const personaId = idAt(personaRows[at], ids);
    const net = personaRows[at + 1];
    const c = personaId !== null && isNumber(net) ? countsAt(personaRows, at + 2) : null;
    if (!c) return null;
    personas.push({ personaId: personaId!, net: net as number, counts: c });
  }
  if (!Array.isArray(evidence) || evidence.length !== 5 || !citations.every(isCitation)) return null;
  const [title, scheduledAt, count, citing, coverage] = evidence;
  if (typeof title !== 'string' || typeof scheduledAt !== 'string' || !isCount(count) || !isCount(citing)) return null;
  if (coverage !== null && !isNumber(coverage)) return null;
  const meeting: DashboardMeeting = { meetingId, title, scheduledAt, decisions: count, citing, evidenceCoverage: coverage };
  return {
    file,
    revision,
    updatedAt,
    figures: {
      held: held === 1,
      day,
      week,
      discussed,
      covered,
      decisions,
      tagIds,
      tagCounts: tagCounts as number[], // checked above: the parsed array itself, not a copy
      personas,
      evidence: meeting,
      citations: citations as Citation[],
    },
  };
}
