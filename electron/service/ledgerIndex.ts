import type { MethodParams } from '../../shared/api';
import type { Meeting, Persona, Tag } from '../../shared/domain';
import type { LedgerCited, LedgerEntry, LedgerResult, LedgerSource } from '../../shared/ledger';
import { isCheckBackFor, predictionStats, type CheckBackMeeting } from '../../shared/outcomes';
import { accountKey } from '../../shared/summary/citations';
import { exactFilter, meetingRows, type Row } from './ledger/rows';
import { LedgerTextIndex, type WordHits } from './ledger/textIndex';
import { nameHolds, queryWords, type QueryWord } from './ledger/words';

/** The names a query's words may find: personas (by name) and tags (by label), as the library holds them now. */
export interface LedgerNames {
  personas: readonly Pick<Persona, 'id' | 'name'>[];
  tags: readonly Pick<Tag, 'id' | 'label'>[];
}

/** A word's match on a persona's name counts as much as one in an agenda item's title; a tag's label, as the decision's text. */
const PERSONA_SCORE = 2;
const TAG_SCORE = 3;
/** Query words whose answers are kept until the ledger changes. */
const WORD_CACHE_MAX = 64;
/** Packing a match as one number: (score in hundredths, inverted) × RANK_SPAN + its place in the ledger. */
const RANK_SPAN = 2 ** 26;
const SCORE_SPAN = 2 ** 26;

/**
 * Every decision of every meeting, flattened for filtering. Kept per meeting so a save replaces
 * only that meeting's rows. Without words a query is one pass of exact filters over the rows; with
 * words, the text index (ledger/textIndex.ts) gives each word's matches as a score per row, and
 * only the rows every word found are filtered and ranked.
 */
export class LedgerIndex {
  private readonly byMeeting = new Map<string, Row[]>();
  private readonly text = new LedgerTextIndex();
  /** Rows by slot; freed slots are reused, so the text index's arrays stay as long as the ledger. */
  private slots: (Row | undefined)[] = [];
  private free: number[] = [];
  private flat: Row[] | null = [];
  private cited: LedgerCited | null = null;
  private readonly wordCache = new Map<string, WordHits & { id: number }>();
  private readonly rankedCache = new Map<string, Row[]>();
  private answers = 0;

  update(meeting: Meeting): void {
    this.release(meeting.id);
    const rows = meetingRows(meeting, () => this.free.pop() ?? this.slots.push(undefined) - 1);
    for (const row of rows) this.slots[row.slot] = row;
    this.byMeeting.set(meeting.id, rows);
    const slotOf = new Map(rows.map((row) => [row.entry.decisionId, row.slot]));
    this.text.setMeeting(meeting, (decisionId) => slotOf.get(decisionId)!);
    this.changed();
  }

  remove(meetingId: string): void {
    if (!this.byMeeting.has(meetingId)) return;
    this.release(meetingId);
    this.byMeeting.delete(meetingId);
    this.text.removeMeeting(meetingId);
    this.changed();
  }

  clear(): void {
    this.byMeeting.clear();
    this.text.clear();
    this.slots = [];
    this.free = [];
    this.changed();
  }

  /** True once the meeting's rows are in (or it had no decisions: it is in, with none). */
  has(meetingId: string): boolean {
    return this.byMeeting.has(meetingId);
  }

  get size(): number {
    return this.all().length;
  }

  private release(meetingId: string): void {
    for (const row of this.byMeeting.get(meetingId) ?? []) {
      this.slots[row.slot] = undefined;
      this.free.push(row.slot);
    }
  }

  private changed(): void {
    this.flat = null;
    this.cited = null;
    this.wordCache.clear(); // rows and slots changed, even where the text did not
    this.rankedCache.clear();
  }

  /** Newest meeting first; within a meeting, in agenda order. Rebuilt lazily after changes. */
  private all(): Row[] {
    if (!this.flat) {
      this.flat = [...this.byMeeting.values()].flat();
      this.flat.sort((a, b) => b.entry.scheduledAt.localeCompare(a.entry.scheduledAt));
      this.flat.forEach((row, rank) => (row.rank = rank));
    }
    return this.flat;
  }

  /** Every account and source the decisions cite, for the filters. Rebuilt lazily after changes. */
  private citedAll(): LedgerCited {
    if (!this.cited) {
      const accounts = new Map<string, string>();
      const sources = new Map<string, LedgerSource>();
      for (const { entry } of this.all()) {
        entry.citedAccounts.forEach((name) => accounts.has(accountKey(name)) || accounts.set(accountKey(name), name));
        // Newest meeting first: the first name seen for a source is its latest.
        for (const source of entry.citedSources) if (!sources.has(source.id)) sources.set(source.id, source);
      }
      const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });
      this.cited = {
        accounts: [...accounts.values()].sort(byName),
        sources: [...sources.values()].sort((a, b) => byName(a.name, b.name) || a.id.localeCompare(b.id)),
      };
    }
    return this.cited;
  }

  search(query: MethodParams<'ledger.search'>, complete: boolean, names: LedgerNames = { personas: [], tags: [] }): LedgerResult {
    const keep = exactFilter(query);
    const words = queryWords(query.text ?? '');
    // One pass over the matches, keeping only the page and the reviewed: no array of every match.
    const entries: LedgerEntry[] = [];
    const reviewed: LedgerEntry[] = [];
    let total = 0;
    const take = (row: Row) => {
      if (total >= query.offset && entries.length < query.limit) entries.push(row.entry);
      if (row.entry.outcome) reviewed.push(row.entry);
      total++;
    };
    const rows = words.length > 0 ? this.ranked(words.map((word) => this.wordHits(word, names))) : this.all();
    for (const row of rows) if (keep(row)) take(row);
    return { total, entries, complete, predictions: predictionStats(reviewed), cited: this.citedAll() };
  }

  /**
   * The rows every word found, most relevant first, equal scores in the ledger's order (newest
   * meeting first). Sorted as packed numbers (score, then place), natively; cached until the ledger
   * changes, so the same words with other exact filters (or the next page) are one pass.
   */
  private ranked(found: (WordHits & { id: number })[]): Row[] {
    const key = found.map((hits) => hits.id).join(' ');
    const cached = this.rankedCache.get(key);
    if (cached) return cached;
    found.sort((a, b) => a.slots.length - b.slots.length); // walk the rarest word's rows
    const all = this.all(); // also numbers the rows (rank)
    const keys = new Float64Array(found[0]!.slots.length);
    let count = 0;
    rows: for (const slot of found[0]!.slots) {
      let score = 0;
      for (const hits of found) {
        const wordScore = hits.scores[slot]!;
        if (wordScore === 0) continue rows;
        score += wordScore;
      }
      const row = this.slots[slot];
      if (row) keys[count++] = (SCORE_SPAN - Math.min(SCORE_SPAN - 1, Math.round(score * 100))) * RANK_SPAN + row.rank;
    }
    const order = Array.from(keys.subarray(0, count).sort(), (packed) => all[packed % RANK_SPAN]!);
    if (this.rankedCache.size >= WORD_CACHE_MAX) this.rankedCache.clear();
    this.rankedCache.set(key, order);
    return order;
  }

  /**
   * What one word finds: in the text (unless `#word`), and the decisions of the personas and tags
   * whose names hold it. Cached until the ledger changes: typing repeats every word but the last.
   */
  private wordHits(word: QueryWord, names: LedgerNames): WordHits & { id: number } {
    const personas = word.tagOnly ? [] : names.personas.filter((p) => nameHolds(p.name, word)).map((p) => p.id);
    const tags = names.tags.filter((t) => nameHolds(t.label, word)).map((t) => t.id);
    const key = JSON.stringify([word.word, word.stem, word.prefix, word.tagOnly, personas, tags]);
    const cached = this.wordCache.get(key);
    if (cached) return cached;
    const capacity = this.slots.length;
    const inText = word.tagOnly ? { slots: [], scores: new Float32Array(capacity) } : this.text.find(word, capacity);
    const hits = { ...inText, id: this.answers++ }; // the id names this answer in the ranked cache
    if (this.wordCache.size >= WORD_CACHE_MAX) this.wordCache.clear();
    this.wordCache.set(key, hits);
    if (personas.length === 0 && tags.length === 0) return hits;
    for (const row of this.all()) {
      const score =
        (personas.some((id) => row.entry.personaIds.includes(id)) ? PERSONA_SCORE : 0) +
        (tags.some((id) => row.entry.tagIds.includes(id)) ? TAG_SCORE : 0);
      if (score === 0) continue;
      if (hits.scores[row.slot] === 0) hits.slots.push(row.slot);
      hits.scores[row.slot] = Math.max(hits.scores[row.slot]!, score);
    }
    return hits;
  }

  /** The decisions the chair asks about in `meeting`, oldest review date first. */
  checkBacksFor(meeting: CheckBackMeeting): LedgerEntry[] {
    return this.all()
      .map(({ entry }) => entry)
      .filter((entry) => isCheckBackFor(entry, meeting))
      .sort((a, b) => a.reviewDate!.localeCompare(b.reviewDate!) || a.scheduledAt.localeCompare(b.scheduledAt));
  }
}
