/**
 * How figureCache.ts stores its entries (format 5): one binary file of numbers in typed arrays and
 * one table of strings, each string written once. The JSON of format 4 (3.5 MB at 10,000 meetings)
 * cost 100-250 ms to parse and collect on the first dashboard after start (docs/performance.md,
 * findings 16-17); here the numbers are read in place and only the strings are parsed.
 *
 * Layout: MAGIC, then u32 format, u32 CRC-32 of everything after the first 16 bytes, u32 length of
 * the JSON head; the head ({ zone, meetings, tags, personas, strings }); zeros to a multiple of 8;
 * then MEETING_F64 doubles and MEETING_I32 integers per meeting, TAG_I32 integers per tag row,
 * PERSONA_I32 per persona row, and the strings as one JSON array. A file whose length, checksum,
 * format, zone or byte order is not what this version writes is ignored whole; an entry whose
 * numbers are not what mergeDashboard may read (a negative count, a string out of the table) is
 * left out alone, to be recomputed.
 */
import { crc32 } from 'node:zlib';
import {
  addFigures,
  directionCounts,
  type DashboardMeeting,
  type DashboardSum,
  type DashboardWeek,
  type DirectionCounts,
  type MeetingFigures,
  type PersonaRow,
  type TagRow,
} from '../../shared/dashboard';
import type { Citation } from '../../shared/domain';
import { citationsAt } from './figureCacheCitations';

/** Which meeting file an entry was computed from: inode, size, modification time (ms). */
export type FileStamp = [ino: number, size: number, mtimeMs: number];

export interface Entry {
  /** null when computed from a version in memory that the file may not hold yet. */
  file: FileStamp | null;
  revision: number;
  updatedAt: string;
  figures: MeetingFigures;
}

export const FIGURE_FILE_FORMAT = 5;
const MAGIC = Buffer.from('ECFIGBIN', 'latin1');
const FIXED = 16; // magic, format, checksum
/** Written as the first double: read back otherwise, the file was written with another byte order. */
const BYTE_ORDER_MARK = 1234.5;

// Per meeting, doubles: the file stamp (NaN when none) and the evidence coverage (NaN for null).
const MEETING_F64 = 4;
// Per meeting, 32-bit integers, in this order (I_* name each place).
const [I_ID, I_FLAGS, I_REVISION, I_UPDATED, I_DAY, I_WEEK, I_DISCUSSED, I_COVERED, I_DECIDED] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [I_TITLE, I_SCHEDULED, I_EV_DECISIONS, I_CITING, I_TAGS, I_PERSONAS, I_CITATIONS] = [13, 14, 15, 16, 17, 18, 19];
const MEETING_I32 = 20;
// Per tag row, 32-bit integers: all the rows' tag ids (as strings' places) first, then all their five
// counts, so a meeting's tagCounts is one view of the file's numbers, not an array built per meeting.
const TAG_I32 = 6;
const PERSONA_I32 = 7; // the persona id's string, net, five counts
const HELD = 1;
const STAMPED = 2;

interface Head {
  zone: string;
  meetings: number;
  tags: number;
  personas: number;
  /** Bytes of the strings' JSON. */
  strings: number;
}

const isInt32 = (n: number) => Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff;
const countsFit = (c: DirectionCounts) =>
  isInt32(c.helps) && isInt32(c.hurts) && isInt32(c.mixed) && isInt32(c.neutral) && isInt32(c.unknown);

/** Whether every number of an entry is one the integer columns hold exactly (checked before any is written). */
function fits(revision: number, f: MeetingFigures): boolean {
  const e = f.evidence;
  if (![revision, f.discussed, f.covered, e.decisions, e.citing].every(isInt32) || !countsFit(f.decisions)) return false;
  if (f.tagCounts.length !== 5 * f.tagIds.length) return false;
  for (let c = 0; c < f.tagCounts.length; c++) if (!isInt32(f.tagCounts[c]!)) return false;
  return f.personas.every((p) => isInt32(p.net) && countsFit(p.counts));
}
const pad8 = (n: number) => (n + 7) & ~7;

/**
 * The file for `entries` (meeting id to entry) under time zone `zone`. An entry holding a number the
 * columns cannot keep exactly (no such figure is made today) is left out: it is recomputed next time.
 */
export function encodeFigureFile(entries: ReadonlyMap<string, Entry>, zone: string): Buffer {
  const strings: string[] = [];
  const places = new Map<string, number>();
  const str = (s: string) => {
    let at = places.get(s);
    if (at === undefined) places.set(s, (at = strings.push(s) - 1));
    return at;
  };
  // An entry read from the file is written back without keeping the objects built for it.
  const kept = [...entries]
    .map(([id, entry]): [string, Entry] => [id, entry instanceof StoredEntry ? { ...plainFields(entry), figures: entry.written() } : entry])
    .filter(([, entry]) => fits(entry.revision, entry.figures));
  let tagRows = 0;
  let personaRows = 0;
  for (const [, { figures }] of kept) {
    tagRows += figures.tagIds.length;
    personaRows += figures.personas.length;
  }
  const f64 = new Float64Array(1 + MEETING_F64 * kept.length);
  const i32 = new Int32Array(MEETING_I32 * kept.length);
  const tags = new Int32Array(tagRows);
  const tagCountColumn = new Int32Array(5 * tagRows);
  const personas = new Int32Array(PERSONA_I32 * personaRows);
  f64[0] = BYTE_ORDER_MARK;
  let [a, b, t, c, p] = [1, 0, 0, 0, 0];
  for (const [id, { file, revision, updatedAt, figures: f }] of kept) {
    const e = f.evidence;
    const d = f.decisions;
    f64.set(file ?? [NaN, NaN, NaN], a);
    f64[a + 3] = e.evidenceCoverage ?? NaN;
    a += MEETING_F64;
    const citations = f.citations.length > 0 ? str(JSON.stringify(f.citations)) : -1;
    i32.set([str(id), (f.held ? HELD : 0) | (file ? STAMPED : 0), revision, str(updatedAt), str(f.day), str(f.week)], b);
    i32.set([f.discussed, f.covered, d.helps, d.hurts, d.mixed, d.neutral, d.unknown, str(e.title), str(e.scheduledAt)], b + 6);
    i32.set([e.decisions, e.citing, f.tagIds.length, f.personas.length, citations], b + 15);
    b += MEETING_I32;
    for (const tagId of f.tagIds) tags[t++] = str(tagId);
    tagCountColumn.set(f.tagCounts, c);
    c += f.tagCounts.length;
    for (const { personaId, net, counts: n } of f.personas) {
      personas.set([str(personaId), net, n.helps, n.hurts, n.mixed, n.neutral, n.unknown], p);
      p += PERSONA_I32;
    }
  }
  const table = Buffer.from(JSON.stringify(strings));
  const head: Head = { zone, meetings: kept.length, tags: tagRows, personas: personaRows, strings: table.length };
  const headBytes = Buffer.from(JSON.stringify(head));
  const start = pad8(FIXED + 4 + headBytes.length);
  const columns = [f64, i32, tags, tagCountColumn, personas];
  const out = Buffer.alloc(start + columns.reduce((sum, column) => sum + column.byteLength, 0) + table.length);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(FIGURE_FILE_FORMAT, 8);
  out.writeUInt32LE(headBytes.length, FIXED);
  headBytes.copy(out, FIXED + 4);
  let at = start;
  for (const column of columns) {
    out.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), at);
    at += column.byteLength;
  }
  table.copy(out, at);
  out.writeUInt32LE(crc32(out.subarray(FIXED)), 12);
  return out;
}

/** The file's columns once its frame checked out. */
interface Columns {
  zone: string;
  f64: Float64Array;
  i32: Int32Array;
  tagIds: Int32Array;
  tagCounts: Int32Array;
  personas: Int32Array;
  strings: string[];
  count: number;
}

const rowsFor = (columns: Columns) => {
  const n = columns.strings.length; // sized up front, so the places index a fast array
  return { columns, weeks: new Array<DashboardWeek>(n), tags: new Array<TagRow>(n), personas: new Array<PersonaRow>(n) };
};

/** Per dashboard being summed, its rows by their string's place in the columns (StoredEntry.addTo). */
const rowsOfSum = new WeakMap<DashboardSum, { columns: Columns; weeks: DashboardWeek[]; tags: TagRow[]; personas: PersonaRow[] }>();

/** Typed-array views of `bytes`, copied first when the buffer is not 8-byte aligned. */
function columnsOf(bytes: Buffer, zone: string | null): Columns | null {
  if (bytes.length < FIXED + 4 || !bytes.subarray(0, 8).equals(MAGIC) || bytes.readUInt32LE(8) !== FIGURE_FILE_FORMAT) return null;
  if (bytes.readUInt32LE(12) !== crc32(bytes.subarray(FIXED))) return null; // damaged or cut short
  const headLength = bytes.readUInt32LE(FIXED);
  if (FIXED + 4 + headLength > bytes.length) return null;
  const head = JSON.parse(bytes.toString('utf8', FIXED + 4, FIXED + 4 + headLength)) as Partial<Head>;
  if (typeof head.zone !== 'string' || (zone !== null && head.zone !== zone)) return null; // weeks are local days
  const { meetings: n, tags: t, personas: p, strings: s } = head;
  if (![n, t, p, s].every((v) => Number.isInteger(v) && (v as number) >= 0)) return null;
  const start = pad8(FIXED + 4 + headLength);
  const sizes = [8 * (1 + MEETING_F64 * n!), 4 * MEETING_I32 * n!, 4 * TAG_I32 * t!, 4 * PERSONA_I32 * p!];
  if (start + sizes.reduce((a, b) => a + b, 0) + s! !== bytes.length) return null;
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
  let at = aligned.byteOffset + start;
  const f64 = new Float64Array(aligned.buffer, at, 1 + MEETING_F64 * n!);
  if (f64[0] !== BYTE_ORDER_MARK) return null;
  at += sizes[0]!;
  const [i32, tags, personas] = sizes.slice(1).map((size) => {
    const view = new Int32Array(aligned.buffer, at, size / 4);
    at += size;
    return view;
  }) as [Int32Array, Int32Array, Int32Array];
  const strings = JSON.parse(aligned.toString('utf8', at - aligned.byteOffset)) as unknown;
  if (!Array.isArray(strings) || !strings.every((v) => typeof v === 'string')) return null;
  return {
    zone: head.zone,
    f64: f64.subarray(1),
    i32,
    tagIds: tags.subarray(0, t!),
    tagCounts: tags.subarray(t!),
    personas,
    strings,
    count: n!,
  };
}

/**
 * The entries of a file encodeFigureFile wrote under time zone `zone`, and how many were left out
 * as damaged; null when the file is to be ignored whole. With `zone` null, a file of any zone is
 * read and `zone` says which: the caller must then compare it before using any entry. Every value is checked here, but an entry's
 * figures are built only if asked for (StoredEntry): the dashboard adds them from the columns.
 */
export function decodeFigureFile(
  bytes: Buffer,
  zone: string | null,
): { entries: Map<string, Entry>; damaged: number; zone: string } | null {
  let columns: Columns | null;
  try {
    columns = columnsOf(bytes, zone);
  } catch {
    return null; // a head or string table that is not JSON
  }
  if (!columns) return null;
  const entries = new Map<string, Entry>();
  let damaged = 0;
  let tagAt = 0;
  let personaAt = 0;
  for (let m = 0; m < columns.count; m++) {
    const i = m * MEETING_I32;
    const tags = columns.i32[i + I_TAGS]!;
    const personas = columns.i32[i + I_PERSONAS]!;
    if (tags < 0 || personas < 0) return null; // the rows of every later entry would be misplaced
    if (tagAt + tags > columns.tagIds.length || (personaAt + personas) * PERSONA_I32 > columns.personas.length) return null;
    const decoded = checkedEntry(columns, m, tagAt, personaAt);
    tagAt += tags;
    personaAt += personas;
    if (decoded) entries.set(columns.strings[columns.i32[i + I_ID]!]!, decoded);
    else damaged++;
  }
  return { entries, damaged, zone: columns.zone };
}

/** Row `m` as an entry, or null when a value is not one the dashboard may read. */
function checkedEntry(columns: Columns, m: number, tagAt: number, personaAt: number): StoredEntry | null {
  const { f64, i32, tagIds: tagColumn, tagCounts: countColumn, personas, strings } = columns;
  const i = m * MEETING_I32;
  const n = strings.length;
  // Unrolled (this runs once per meeting, cold, on the first dashboard's path): every string place in
  // the table, every count not negative.
  if (!(i32[i + I_ID]! < n && i32[i + I_UPDATED]! < n && i32[i + I_DAY]! < n && i32[i + I_WEEK]! < n)) return null;
  if (!(i32[i + I_TITLE]! < n && i32[i + I_SCHEDULED]! < n)) return null;
  if ((i32[i + I_ID]! | i32[i + I_UPDATED]! | i32[i + I_DAY]! | i32[i + I_WEEK]! | i32[i + I_TITLE]! | i32[i + I_SCHEDULED]!) < 0)
    return null;
  if ((i32[i + I_REVISION]! | i32[i + I_DISCUSSED]! | i32[i + I_COVERED]! | i32[i + I_EV_DECISIONS]! | i32[i + I_CITING]!) < 0) return null;
  const flags = i32[i + I_FLAGS]!;
  const d = m * MEETING_F64;
  let file: FileStamp | null = null;
  if (flags & STAMPED) {
    if (!(Number.isFinite(f64[d]!) && Number.isFinite(f64[d + 1]!) && Number.isFinite(f64[d + 2]!))) return null;
    file = [f64[d]!, f64[d + 1]!, f64[d + 2]!];
  }
  const coverage = f64[d + 3]!;
  if (!countsOk(i32, i + I_DECIDED) || (coverage === coverage && !Number.isFinite(coverage))) return null; // NaN stands for null
  const tagCount = i32[i + I_TAGS]!;
  for (let t = tagAt; t < tagAt + tagCount; t++) if (!isPlace(strings, tagColumn[t]!)) return null;
  let signs = 0;
  for (let c = 5 * tagAt; c < 5 * (tagAt + tagCount); c++) signs |= countColumn[c]!;
  if (signs < 0) return null;
  for (let p = personaAt * PERSONA_I32, end = (personaAt + i32[i + I_PERSONAS]!) * PERSONA_I32; p < end; p += PERSONA_I32)
    if (!isPlace(strings, personas[p]!) || !countsOk(personas, p + 2)) return null;
  const citations = citationsAt(i32[i + I_CITATIONS]!, strings);
  if (!citations) return null;
  return new StoredEntry(file, i32[i + I_REVISION]!, strings[i32[i + I_UPDATED]!]!, columns, m, tagAt, personaAt, citations);
}

/**
 * An entry read from the file: its numbers stay in the file's columns. The dashboard adds them from
 * there (addTo); `figures` builds the MeetingFigures object only when something asks for it.
 */
export class StoredEntry implements Entry {
  private built: MeetingFigures | null = null;
  private ownEvidence: DashboardMeeting | null = null;

  constructor(
    public file: FileStamp | null,
    public revision: number,
    public updatedAt: string,
    private readonly columns: Columns,
    private readonly row: number,
    private readonly tagAt: number,
    private readonly personaAt: number,
    private readonly citations: Citation[],
  ) {}

  get figures(): MeetingFigures {
    return (this.built ??= this.read());
  }

  set figures(figures: MeetingFigures) {
    this.built = figures;
  }

  /** Adds this meeting to `sum` as mergeDashboard would add its figures (addFigures), read from the columns. */
  addTo(sum: DashboardSum): void {
    if (this.built) return addFigures(sum, this.built);
    const { i32, strings, tagIds, tagCounts, personas } = this.columns;
    const i = this.row * MEETING_I32;
    if (!sum.counts((i32[i + I_FLAGS]! & HELD) !== 0, strings[i32[i + I_DAY]!]!)) return;
    // Rows found once per dashboard by the string's place, not by the string each time.
    let rows = rowsOfSum.get(sum);
    if (rows?.columns !== this.columns) rowsOfSum.set(sum, (rows = rowsFor(this.columns)));
    const weekPlace = i32[i + I_WEEK]!;
    const week = (rows.weeks[weekPlace] ??= sum.week(strings[weekPlace]!));
    sum.addMeeting(week, i32[i + I_DISCUSSED]!, i32[i + I_COVERED]!, i32, i + I_DECIDED, this.evidence());
    sum.addCitations(this.citations);
    for (let t = this.tagAt, end = t + i32[i + I_TAGS]!; t < end; t++) {
      const place = tagIds[t]!;
      sum.addTag((rows.tags[place] ??= sum.tag(strings[place]!)), tagCounts, 5 * t);
    }
    for (let p = this.personaAt * PERSONA_I32, end = p + i32[i + I_PERSONAS]! * PERSONA_I32; p < end; p += PERSONA_I32) {
      const place = personas[p]!;
      sum.addPersona((rows.personas[place] ??= sum.persona(strings[place]!)), personas, p + 2, personas[p + 1]!);
    }
  }

  /** Made once and shared by every later dashboard, as a built MeetingFigures' evidence is. */
  private evidence(): DashboardMeeting {
    return (this.ownEvidence ??= this.readEvidence());
  }

  private readEvidence(): DashboardMeeting {
    const { f64, i32, strings } = this.columns;
    const i = this.row * MEETING_I32;
    const coverage = f64[this.row * MEETING_F64 + 3]!;
    return {
      meetingId: strings[i32[i + I_ID]!]!,
      title: strings[i32[i + I_TITLE]!]!,
      scheduledAt: strings[i32[i + I_SCHEDULED]!]!,
      decisions: i32[i + I_EV_DECISIONS]!,
      citing: i32[i + I_CITING]!,
      evidenceCoverage: Number.isNaN(coverage) ? null : coverage,
    };
  }

  /** The figures as written, whether or not they were built: what encodeFigureFile writes back. */
  written(): MeetingFigures {
    return this.built ?? this.read();
  }

  private read(): MeetingFigures {
    const { i32, tagIds, tagCounts, personas, strings } = this.columns;
    const i = this.row * MEETING_I32;
    const tagCount = i32[i + I_TAGS]!;
    const tallies: MeetingFigures['personas'] = [];
    for (let p = this.personaAt * PERSONA_I32, end = p + i32[i + I_PERSONAS]! * PERSONA_I32; p < end; p += PERSONA_I32)
      tallies.push({ personaId: strings[personas[p]!]!, counts: countsAt(personas, p + 2), net: personas[p + 1]! });
    return {
      held: (i32[i + I_FLAGS]! & HELD) !== 0,
      day: strings[i32[i + I_DAY]!]!,
      week: strings[i32[i + I_WEEK]!]!,
      discussed: i32[i + I_DISCUSSED]!,
      covered: i32[i + I_COVERED]!,
      decisions: countsAt(i32, i + I_DECIDED),
      tagIds: Array.from(tagIds.subarray(this.tagAt, this.tagAt + tagCount), (place) => strings[place]!),
      tagCounts: tagCounts.subarray(5 * this.tagAt, 5 * (this.tagAt + tagCount)),
      personas: tallies,
      evidence: this.evidence(),
      citations: this.citations,
    };
  }
}

const plainFields = ({ file, revision, updatedAt }: Entry) => ({ file, revision, updatedAt });

const isPlace = (strings: readonly string[], place: number): boolean => place >= 0 && place < strings.length;

/** An int32 is negative exactly when its sign bit is set: one OR for five counts. */
const countsOk = (values: Int32Array, from: number): boolean =>
  (values[from]! | values[from + 1]! | values[from + 2]! | values[from + 3]! | values[from + 4]!) >= 0;

/** Direction counts from `values[from…]` (checked by countsOk when the file was read). */
const countsAt = (values: Int32Array, from: number): DirectionCounts =>
  directionCounts(values[from]!, values[from + 1]!, values[from + 2]!, values[from + 3]!, values[from + 4]!);
