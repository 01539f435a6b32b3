import type { MethodParams } from '../../shared/api';
import { compareTimes, type Meeting, type Outcome, type Persona, type Tag } from '../../shared/domain';
import type { LedgerCited, LedgerEntry, LedgerResult, LedgerSource } from '../../shared/ledger';
import { isCheckBackFor, predictionStats, type CheckBackMeeting } from '../../shared/outcomes';
import { exactFilter } from './ledger/filters';
import { withNames } from './ledger/nameHits';
import { RowStore, type MeetingRecord } from './ledger/rows';
import { LedgerTextIndex, type WordHits } from './ledger/textIndex';
import { nameHolds, queryWords, type QueryWord } from './ledger/words';

/** The names a query's words may find: personas (by name) and tags (by label), as the library holds them now. */
export interface LedgerNames {
  personas: readonly Pick<Persona, 'id' | 'name'>[];
  tags: readonly Pick<Tag, 'id' | 'label'>[];
}

/** Answers (per word, and ranked per query) kept until the ledger changes: at most this many, and this many bytes. */
const CACHE_MAX = 64;
const CACHE_BYTES = 8 * 1024 * 1024;
/** Relevance is ranked in hundredths of a point, up to this many. */
const SCORE_MAX = 1_000_000;
/** Dead rows (left by saves) are dropped once they are this many and outnumber the live ones. */
const COMPACT_MIN = 4096;
/** Meetings in the ledger's order: newest first (as the locale orders the times), then in the order they came. */
export const newestFirst = (a: MeetingRecord, b: MeetingRecord): number => compareTimes(b.scheduledAt, a.scheduledAt) || a.seq - b.seq;

type Hits = WordHits & { id: number };

/**
 * Every decision of every meeting, for filtering and ranking (docs/performance.md, findings 15-16).
 * Rows are columns (ledger/rows.ts), a meeting's rows one run of slots; a save appends the meeting's
 * new run. Without words a query is one pass of exact filters over the rows in the ledger's order;
 * with words, the text index (ledger/textIndex.ts) gives each word's matching slots with a score,
 * and only the slots every word found are filtered and ranked.
 */
export class LedgerIndex {
  rows = new RowStore();
  text = new LedgerTextIndex();
  /** Meeting id → its record's number in `rows.records`. */
  private byId = new Map<string, number>();
  private seq = 0;
  /** Live slots in the ledger's order; rebuilt lazily after changes. */
  private order: Int32Array | null = null;
  private cited: LedgerCited | null = null;
  private readonly wordCache = new Map<string, Hits>();
  private readonly rankedCache = new Map<string, Int32Array>();
  private cacheBytes = 0;
  private answers = 0;
  private points = new Int32Array(0);
  private marks = new Uint8Array(0);
  /** withNames' scores by slot, reused (a search allocated 800 KB for it at 200,000 decisions). */
  private nameScores = new Float32Array(0);
  /** Counts changes, so a copy on disk knows whether it is behind. */
  version = 0;

  /** (Re)indexes a meeting; `stamp` names the file it was just read from, null when it comes from memory. */
  update(meeting: Meeting, stamp: MeetingRecord['stamp'] = null): void {
    const known = this.byId.get(meeting.id);
    const no = known ?? this.rows.records.length;
    const old = known === undefined ? undefined : this.rows.records[known];
    const first = this.rows.append(meeting, no);
    const record = RowStore.record(meeting, first, this.rows.size - first, old?.seq ?? this.seq++, stamp);
    const rows = this.rows;
    const oldRows = old && {
      docs: old.docs,
      decisionId: (slot: number) => rows.decisionId(slot),
      text: (slot: number) => rows.text(slot),
      itemId: (slot: number) => rows.itemId(slot),
    };
    record.docs = this.text.setMeeting(meeting, first, oldRows ?? null);
    if (old) rows.release(old);
    rows.records[no] = record;
    this.byId.set(meeting.id, no);
    this.changed();
  }

  remove(meetingId: string): void {
    const no = this.byId.get(meetingId);
    if (no === undefined) return;
    const record = this.rows.records[no]!;
    this.text.removeDocs(record.docs);
    this.rows.release(record);
    this.rows.records[no] = undefined;
    this.byId.delete(meetingId);
    this.changed();
  }

  clear(): void {
    this.rows.pool.close();
    this.rows = new RowStore();
    this.text = new LedgerTextIndex();
    this.byId.clear();
    this.changed();
  }

  /** How many meetings it holds. */
  get meetingCount(): number {
    return this.byId.size;
  }

  /** True once the meeting's rows are in (or it had no decisions: it is in, with none). */
  has(meetingId: string): boolean {
    return this.byId.has(meetingId);
  }

  /** The record of a meeting in the ledger (what it was read from), if it is in. */
  record(meetingId: string): MeetingRecord | undefined {
    const no = this.byId.get(meetingId);
    return no === undefined ? undefined : this.rows.records[no];
  }

  /** Live decisions. */
  get size(): number {
    return this.rows.size - this.rows.dead;
  }

  /** Takes another ledger's contents (one read back from a snapshot, ledger/snapshot.ts). */
  adopt(other: LedgerIndex): void {
    if (this.rows.pool !== other.rows.pool) this.rows.pool.close();
    this.rows = other.rows;
    this.text = other.text;
    if (other === this) {
      this.byId = new Map();
      this.seq = 0;
      other.rows.records.forEach((record, no) => {
        if (!record) return;
        this.byId.set(record.id, no);
        this.seq = Math.max(this.seq, record.seq + 1);
      });
    } else {
      // Its own lookup is right for its rows (kept with every change), and it goes once adopted.
      this.byId = other.byId;
      this.seq = other.seq;
    }
    const { order, cited } = other; // the same rows: its order and citations hold
    this.changed();
    this.order = order;
    this.cited = cited;
  }

  private changed(): void {
    this.version++;
    this.order = null;
    this.cited = null;
    this.wordCache.clear(); // rows and slots changed, even where the text did not
    this.rankedCache.clear();
    this.cacheBytes = 0;
    if (this.rows.dead >= COMPACT_MIN && this.rows.dead > this.size) this.compact();
  }

  /** Gives back what the arrays hold beyond their contents (after a build, which grew them by doubling). */
  trim(): void {
    this.rows.trim();
    this.text.trim();
  }

  /** The ledger's order as a snapshot held it (ledger/snapshot.ts), until the next change. */
  presetOrder(order: Int32Array): void {
    if (order.length === this.size) this.order = order;
  }

  /** What a snapshot keeps of the citations (made once per change of the ledger: `citedAll`). */
  citations(): LedgerCited {
    return this.citedAll();
  }

  /** The citations as a snapshot of this very ledger kept them (ledger/snapshot.ts). */
  presetCitations(cited: LedgerCited): void {
    this.cited = cited;
  }

  /** The live slots in the ledger's order (what a snapshot keeps). */
  orderedSlots(): Int32Array {
    return this.ordered();
  }

  /** Drops the dead rows: the live ones move down, and their documents with them. */
  private compact(): void {
    const before = this.rows;
    this.rows = before.compacted((record, oldFirst) => this.text.shift(record.docs, record.first - oldFirst));
    before.pool.close();
  }

  /** Newest meeting first; within a meeting, in agenda order. */
  private ordered(): Int32Array {
    if (!this.order) {
      const records = this.rows.records.filter((record): record is MeetingRecord => record !== undefined);
      records.sort(newestFirst);
      const order = new Int32Array(this.size);
      let at = 0;
      for (const { first, count } of records) for (let slot = first; slot < first + count; slot++) order[at++] = slot;
      this.order = order;
    }
    return this.order;
  }

  /** Every account and source the decisions cite, for the filters. Rebuilt lazily after changes. */
  private citedAll(): LedgerCited {
    if (!this.cited) {
      const accounts = new Map<string, string>();
      const sources = new Map<string, LedgerSource>();
      const seen = new Uint8Array(this.rows.cited.size);
      seen[0] = 1; // cites nothing
      for (const slot of this.ordered()) {
        const id = this.rows.columns.cited[slot]!;
        if (seen[id]) continue;
        seen[id] = 1;
        const cited = this.rows.cited.values[id]!;
        cited.keys.forEach((key, i) => accounts.has(key) || accounts.set(key, cited.accounts[i]!));
        // Newest meeting first: the first name seen for a source is its latest.
        for (const source of cited.sources) if (!sources.has(source.id)) sources.set(source.id, source);
      }
      const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });
      this.cited = {
        accounts: [...accounts.values()].sort(byName),
        sources: [...sources.values()].sort((a, b) => byName(a.name, b.name) || a.id.localeCompare(b.id)).map((s) => ({ ...s })),
      };
    }
    return this.cited;
  }

  search(query: MethodParams<'ledger.search'>, complete: boolean, names: LedgerNames = { personas: [], tags: [] }): LedgerResult {
    const keep = exactFilter(query, this.rows);
    const words = queryWords(query.text ?? '');
    // One pass over the matches, building entries for the page only; the reviewed for the predictions.
    const entries: LedgerEntry[] = [];
    const reviewed: { direction: LedgerEntry['direction']; outcome: Outcome }[] = [];
    let total = 0;
    const slots = words.length > 0 ? this.ranked(words.map((word) => this.wordHits(word, names))) : this.ordered();
    if (!keep) {
      // No exact filter: the page is a slice, and the reviewed are found from the (fewer) outcomes.
      total = slots.length;
      for (let i = query.offset; i < Math.min(total, query.offset + query.limit); i++) entries.push(this.rows.entry(slots[i]!));
      this.reviewedAmong(slots, reviewed);
    } else
      for (const slot of slots) {
        if (!keep(slot)) continue;
        if (total >= query.offset && entries.length < query.limit) entries.push(this.rows.entry(slot));
        const outcome = this.rows.outcomes.size > 0 ? this.rows.outcomes.get(slot) : undefined;
        if (outcome) reviewed.push({ direction: this.rows.directionOf(slot), outcome });
        total++;
      }
    return { total, entries, complete, predictions: predictionStats(reviewed), cited: this.citedAll() };
  }

  /** Adds the decisions among `slots` that have an outcome (in no particular order: only counted). */
  private reviewedAmong(slots: Int32Array, reviewed: { direction: LedgerEntry['direction']; outcome: Outcome }[]): void {
    const { outcomes } = this.rows;
    if (outcomes.size === 0) return;
    if (this.marks.length < this.rows.size) this.marks = new Uint8Array(this.rows.size);
    const marks = this.marks; // 1 for the slots asked about, 0 elsewhere (between calls too)
    for (let i = 0; i < slots.length; i++) marks[slots[i]!] = 1;
    for (const [slot, outcome] of outcomes) if (marks[slot] === 1) reviewed.push({ direction: this.rows.directionOf(slot), outcome });
    for (let i = 0; i < slots.length; i++) marks[slots[i]!] = 0;
  }

  /**
   * What every search needs, whatever its words, made before the first one (its citations, the
   * order, the score array): run once the ledger is whole, in a turn of its own (finding 19).
   */
  prepareSearch(): void {
    this.citedAll();
    if (this.points.length < this.rows.size) this.points = new Int32Array(this.rows.size);
  }

  private remember<T extends { byteLength: number } | Hits>(cache: Map<string, T>, key: string, value: T, bytes: number): T {
    if (cache.size >= CACHE_MAX || this.cacheBytes + bytes > CACHE_BYTES) {
      this.wordCache.clear();
      this.rankedCache.clear();
      this.cacheBytes = 0;
    }
    cache.set(key, value);
    this.cacheBytes += bytes;
    return value;
  }

  /**
   * The slots every word found, most relevant first, equal scores in the ledger's order (newest
   * meeting first); cached until the ledger
   * changes, so the same words with other exact filters (or the next page) are one pass.
   */
  private ranked(found: Hits[]): Int32Array {
    const key = found.map((hits) => hits.id).join(' ');
    const cached = this.rankedCache.get(key);
    if (cached) return cached;
    found.sort((a, b) => a.slots.length - b.slots.length); // walk the rarest word's slots
    const order = this.ordered();
    const [rarest, ...others] = found as [Hits, ...Hits[]];
    const at = new Int32Array(others.length); // each other word's cursor: the lists are ascending
    if (this.points.length < this.rows.size) this.points = new Int32Array(this.rows.size);
    const points = this.points; // a match's score in hundredths, plus one, by slot; 0 elsewhere (between calls too)
    let count = 0;
    let top = 0;
    const matched = new Int32Array(rarest.slots.length);
    slots: for (let i = 0; i < rarest.slots.length; i++) {
      const slot = rarest.slots[i]!;
      let score = rarest.scores[i]!;
      for (let w = 0; w < others.length; w++) {
        const other = others[w]!;
        let k = at[w]!;
        while (k < other.slots.length && other.slots[k]! < slot) k++;
        at[w] = k;
        if (other.slots[k] !== slot) continue slots;
        score += other.scores[k]!;
      }
      const point = Math.min(SCORE_MAX, Math.round(score * 100)) + 1;
      points[slot] = point;
      if (point > top) top = point;
      matched[count++] = slot;
    }
    // Most points first, equal points in the ledger's order: a counting sort on the points (stable),
    // placing the matches as the ledger's order meets them, instead of sorting 200,000 numbers.
    const starts = new Int32Array(top + 2);
    for (let i = 0; i < count; i++) starts[top - points[matched[i]!]! + 1]!++;
    for (let p = 1; p < starts.length; p++) starts[p]! += starts[p - 1]!;
    const result = new Int32Array(count);
    for (let i = 0, placed = 0; i < order.length && placed < count; i++) {
      const slot = order[i]!;
      const point = points[slot]!;
      if (point === 0) continue;
      result[starts[top - point]!++] = slot;
      points[slot] = 0;
      placed++;
    }
    return this.remember(this.rankedCache, key, result, result.byteLength);
  }

  /**
   * What one word finds: in the text (unless `#word`), and the decisions of the personas and tags
   * whose names hold it. Cached until the ledger changes: typing repeats every word but the last.
   */
  private wordHits(word: QueryWord, names: LedgerNames): Hits {
    const personas = word.tagOnly ? [] : names.personas.filter((p) => nameHolds(p.name, word)).map((p) => p.id);
    const tags = names.tags.filter((t) => nameHolds(t.label, word)).map((t) => t.id);
    const key = JSON.stringify([word.word, word.stem, word.prefix, word.tagOnly, personas, tags]);
    const cached = this.wordCache.get(key);
    if (cached) return cached;
    let found = word.tagOnly ? { slots: new Int32Array(0), scores: new Float32Array(0) } : this.text.find(word, this.rows.size);
    if (personas.length > 0 || tags.length > 0) {
      if (this.nameScores.length < this.rows.size) this.nameScores = new Float32Array(this.rows.size);
      found = withNames(this.rows, this.ordered(), found, personas, tags, this.nameScores);
    }
    const hits = { ...found, id: this.answers++ }; // the id names this answer in the ranked cache
    return this.remember(this.wordCache, key, hits, found.slots.byteLength + found.scores.byteLength);
  }

  /** The decisions the chair asks about in `meeting`, oldest review date first. */
  checkBacksFor(meeting: CheckBackMeeting): LedgerEntry[] {
    const { rows } = this;
    const found: LedgerEntry[] = [];
    for (const slot of this.ordered()) {
      const reviewDate = rows.date(rows.columns.reviewDate[slot]!);
      if (reviewDate === null) continue;
      const record = rows.meetingOf(slot);
      const candidate = {
        reviewDate,
        meetingId: record.id,
        scheduledAt: record.scheduledAt,
        seriesId: record.seriesId,
        direction: rows.directionOf(slot),
        outcome: rows.outcomes.get(slot) ?? null,
      };
      if (isCheckBackFor(candidate, meeting)) found.push(rows.entry(slot));
    }
    return found.sort((a, b) => a.reviewDate!.localeCompare(b.reviewDate!) || a.scheduledAt.localeCompare(b.scheduledAt));
  }
}
