/**
 * The ledger's decisions as rows in columns (ledger/pool.ts): a row is a slot number, each field
 * a typed array indexed by it, its strings in a pool and its lists in tables. A meeting's rows are
 * one run of slots in agenda order; a save appends the new run and leaves the old one dead until
 * the store is compacted. The `LedgerEntry` object is built only for the rows a page shows.
 */
import type { Citation, ImpactDirection, Meeting, Outcome } from '../../../shared/domain';
import { IMPACT_DIRECTIONS } from '../../../shared/domain';
import type { LedgerEntry, LedgerSource } from '../../../shared/ledger';
import { localDay } from '../../../shared/followUps';
import { accountKey, citedAccounts } from '../../../shared/summary/citations';
import { distinctTagIds } from '../../../shared/tags';
import { ensure, fit, Interner, StringPool } from './pool';

/** What the citations of a decision name: accounts (first spelling each), their accountKeys, sources (newest name). */
export interface Cited {
  accounts: string[];
  keys: string[];
  sources: LedgerSource[];
}

/** A meeting in the ledger: its fields every row shares, and its run of slots. */
export interface MeetingRecord {
  id: string;
  title: string;
  scheduledAt: string;
  /** The meeting's local calendar day, for the from/to filters. */
  day: string;
  seriesId: string | null;
  first: number;
  count: number;
  /** The order meetings came in, for meetings at the same time (the ledger's order is stable). */
  seq: number;
  revision: number;
  updatedAt: string;
  /** The meeting file the rows were read from ([inode, size, mtime]), or null when they came from memory. */
  stamp: [number, number, number] | null;
  /** Its documents in the text index (ledger/textIndex.ts). */
  docs: readonly number[] | Int32Array;
}

const NO_DATE = -1;

/** The columns, by name: what a snapshot writes and reads back (ledger/snapshot.ts). */
export const ROW_COLUMNS = [
  'meeting',
  'decisionId',
  'text',
  'itemId',
  'itemTitle',
  'owner',
  'dueDate',
  'reviewDate',
  'tags',
  'personas',
  'cited',
] as const;
type Column = (typeof ROW_COLUMNS)[number];

export class RowStore {
  /** Slots in use (live and dead). */
  size = 0;
  dead = 0;
  pool = new StringPool();
  readonly columns = Object.fromEntries(ROW_COLUMNS.map((name) => [name, new Int32Array(64)])) as Record<Column, Int32Array>;
  direction = new Uint8Array(64);
  /** Few decisions have one: kept by slot, not as a column. */
  outcomes = new Map<number, Outcome>();
  /** Records by number (the `meeting` column); undefined once removed. */
  records: (MeetingRecord | undefined)[] = [];
  owners = new Interner<[string, string]>(); // [as written, lower case]
  dates = new Interner<string>();
  tagLists = new Interner<string[]>();
  personaLists = new Interner<string[]>();
  cited = new Interner<Cited>([{ accounts: [], keys: [], sources: [] }]);

  /** Appends the meeting's decisions, in agenda order, as record number `no`; returns the first slot. */
  append(meeting: Meeting, no: number): number {
    const first = this.size;
    const c = this.columns;
    const pool = this.pool;
    for (const item of meeting.agenda) {
      if (item.decisions.length === 0) continue;
      const personas = this.personaLists.id(item.answer?.personaIds.length ? item.answer.personaIds : meeting.personaIds);
      const itemId = pool.add(item.id);
      const itemTitle = pool.add(item.title);
      for (const decision of item.decisions) {
        const slot = this.grow();
        c.meeting[slot] = no;
        c.decisionId[slot] = pool.add(decision.id);
        c.text[slot] = pool.add(decision.text);
        c.itemId[slot] = itemId;
        c.itemTitle[slot] = itemTitle;
        c.owner[slot] = this.owners.id([decision.owner, decision.owner.toLocaleLowerCase()]);
        c.dueDate[slot] = decision.dueDate === null ? NO_DATE : this.dates.id(decision.dueDate);
        c.reviewDate[slot] = decision.reviewDate === null ? NO_DATE : this.dates.id(decision.reviewDate);
        c.tags[slot] = this.tagLists.id(distinctTagIds(decision.tags));
        c.personas[slot] = personas;
        c.cited[slot] = decision.citations.length === 0 ? 0 : this.cited.id(citedOf(decision.citations));
        this.direction[slot] = IMPACT_DIRECTIONS.indexOf(decision.direction);
        if (decision.outcome) this.outcomes.set(slot, decision.outcome);
      }
    }
    return first;
  }

  private grow(): number {
    const slot = this.size++;
    for (const name of ROW_COLUMNS) this.columns[name] = ensure(this.columns[name], this.size);
    this.direction = ensure(this.direction, this.size);
    return slot;
  }

  /** The meeting's record for a meeting just appended at `first`. */
  static record(meeting: Meeting, first: number, count: number, seq: number, stamp: MeetingRecord['stamp']): MeetingRecord {
    return {
      id: meeting.id,
      title: meeting.title,
      scheduledAt: meeting.scheduledAt,
      day: localDay(meeting.scheduledAt), // the user's from/to dates are local calendar days
      seriesId: meeting.seriesId,
      first,
      count,
      seq,
      revision: meeting.revision,
      updatedAt: meeting.updatedAt,
      stamp,
      docs: [],
    };
  }

  /** Arrays cut to their contents. */
  trim(): void {
    for (const name of ROW_COLUMNS) this.columns[name] = fit(this.columns[name], this.size);
    this.direction = fit(this.direction, this.size);
    this.pool.trim();
  }

  /** Marks a run of slots dead (its meeting was saved again or removed). */
  release(record: MeetingRecord): void {
    for (let slot = record.first; slot < record.first + record.count; slot++) this.outcomes.delete(slot);
    this.dead += record.count;
  }

  meetingOf(slot: number): MeetingRecord {
    return this.records[this.columns.meeting[slot]!]!;
  }

  directionOf(slot: number): ImpactDirection {
    return IMPACT_DIRECTIONS[this.direction[slot]!]!;
  }

  date(id: number): string | null {
    return id === NO_DATE ? null : this.dates.values[id]!;
  }

  decisionId(slot: number): string {
    return this.pool.get(this.columns.decisionId[slot]!);
  }

  text(slot: number): string {
    return this.pool.get(this.columns.text[slot]!);
  }

  itemId(slot: number): string {
    return this.pool.get(this.columns.itemId[slot]!);
  }

  /** The entry the API returns, built when a page shows it (lists are copies: callers may keep them). */
  entry(slot: number): LedgerEntry {
    const c = this.columns;
    const meeting = this.meetingOf(slot);
    const cited = this.cited.values[c.cited[slot]!]!;
    const [itemId, itemTitle, decisionId, text] = this.pool.getMany([
      c.itemId[slot]!,
      c.itemTitle[slot]!,
      c.decisionId[slot]!,
      c.text[slot]!,
    ]);
    return {
      meetingId: meeting.id,
      meetingTitle: meeting.title,
      scheduledAt: meeting.scheduledAt,
      itemId: itemId!,
      itemTitle: itemTitle!,
      decisionId: decisionId!,
      text: text!,
      owner: this.owners.values[c.owner[slot]!]![0],
      dueDate: this.date(c.dueDate[slot]!),
      direction: this.directionOf(slot),
      tagIds: [...this.tagLists.values[c.tags[slot]!]!],
      personaIds: [...this.personaLists.values[c.personas[slot]!]!],
      seriesId: meeting.seriesId,
      reviewDate: this.date(c.reviewDate[slot]!),
      outcome: this.outcomes.get(slot) ?? null,
      citedAccounts: [...cited.accounts],
      citedSources: cited.sources.map((source) => ({ ...source })),
    };
  }

  /**
   * A store holding only the live meetings' rows, slots renumbered in the same order; `moved` is
   * called with each record's old first slot once its `first` is the new one.
   */
  compacted(moved: (record: MeetingRecord, oldFirst: number) => void): RowStore {
    const next = new RowStore();
    Object.assign(next, {
      owners: this.owners,
      dates: this.dates,
      tagLists: this.tagLists,
      personaLists: this.personaLists,
      cited: this.cited,
    });
    next.records = this.records;
    const handles = new Map<number, number>(); // an item's strings are shared by its rows: copied once
    const from = { ...this.pool.flat(), lengths: this.pool.lengths };
    const copy = (handle: number) => {
      let copied = handles.get(handle);
      if (copied === undefined) handles.set(handle, (copied = next.pool.copy(from, handle)));
      return copied;
    };
    for (const record of this.records) {
      if (!record) continue;
      const oldFirst = record.first;
      record.first = next.size;
      for (let slot = oldFirst; slot < oldFirst + record.count; slot++) {
        const to = next.grow();
        for (const name of ROW_COLUMNS) next.columns[name][to] = this.columns[name][slot]!;
        for (const name of ['decisionId', 'text', 'itemId', 'itemTitle'] as const) next.columns[name][to] = copy(this.columns[name][slot]!);
        next.direction[to] = this.direction[slot]!;
        const outcome = this.outcomes.get(slot);
        if (outcome) next.outcomes.set(to, outcome);
      }
      moved(record, oldFirst);
    }
    return next;
  }
}

/** The accounts (keyed by accountKey, named as citedAccounts names them) and sources (newest name) of some citations. */
function citedOf(citations: readonly Citation[]): Cited {
  const accounts = new Map(citedAccounts(citations).accounts.map((account) => [accountKey(account.name), account.name.trim()]));
  const sources = new Map<string, LedgerSource & { at: string }>();
  for (const citation of citations) {
    const seen = sources.get(citation.sourceId);
    if (!seen || citation.at > seen.at)
      sources.set(citation.sourceId, { id: citation.sourceId, name: citation.sourceName, at: citation.at });
  }
  return {
    accounts: [...accounts.values()],
    keys: [...accounts.keys()],
    sources: [...sources.values()].map(({ id, name }) => ({ id, name })),
  };
}
