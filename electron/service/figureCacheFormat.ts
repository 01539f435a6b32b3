/**
 * How figureCache.ts stores an entry: an array per meeting rather than the objects MeetingFigures
 * is made of (each direction count named five times over), which made the file 13.6 MB at 10,000
 * meetings instead of 5.2 MB, and its parse the largest part of the first dashboard. Decoding
 * checks by hand what mergeDashboard reads (zod over 10,000 entries cost more than the budget), so
 * a damaged entry is recomputed instead of breaking the dashboard.
 */
import type { DashboardMeeting, DirectionCounts, MeetingFigures } from '../../shared/dashboard';
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

const counts = (c: DirectionCounts): number[] => IMPACT_DIRECTIONS.map((direction) => c[direction]);

/** Direction counts from `values[from…]`, or null if any is not a count. */
function countsAt(values: unknown[], from: number): DirectionCounts | null {
  const out = {} as DirectionCounts;
  for (let i = 0; i < D; i++) {
    const n = values[from + i];
    if (!isCount(n)) return null;
    out[IMPACT_DIRECTIONS[i]!] = n;
  }
  return out;
}

export function encodeEntry({ file, revision, updatedAt, figures: f }: Entry): unknown[] {
  const e = f.evidence;
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
    f.tags.map(([tagId, c]) => [tagId, ...counts(c)]),
    f.personas.map((p) => [p.personaId, p.net, ...counts(p.counts)]),
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

/** The entry of meeting `meetingId`, or null when `value` is not one this version wrote. */
export function decodeEntry(meetingId: string, value: unknown): Entry | null {
  if (!Array.isArray(value) || value.length !== 13) return null;
  const [file, revision, updatedAt, held, day, week, discussed, covered, decided, tagRows, personaRows, evidence, citations] = value;
  if (!isStamp(file) || !isCount(revision) || typeof updatedAt !== 'string' || (held !== 0 && held !== 1)) return null;
  if (typeof day !== 'string' || typeof week !== 'string' || !isCount(discussed) || !isCount(covered)) return null;
  const decisions = Array.isArray(decided) ? countsAt(decided, 0) : null;
  if (!decisions || !Array.isArray(tagRows) || !Array.isArray(personaRows) || !Array.isArray(citations)) return null;
  const tags: MeetingFigures['tags'] = [];
  for (const row of tagRows) {
    const c = Array.isArray(row) && row.length === 1 + D && typeof row[0] === 'string' ? countsAt(row, 1) : null;
    if (!c) return null;
    tags.push([row[0] as string, c]);
  }
  const personas: MeetingFigures['personas'] = [];
  for (const row of personaRows) {
    const ok = Array.isArray(row) && row.length === 2 + D && typeof row[0] === 'string' && isNumber(row[1]);
    const c = ok ? countsAt(row, 2) : null;
    if (!c) return null;
    personas.push({ personaId: row[0] as string, net: row[1] as number, counts: c });
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
      tags,
      personas,
      evidence: meeting,
      citations: citations as Citation[],
    },
  };
}
