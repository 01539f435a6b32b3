/**
 * The ledger's words: an inverted index from each word form to the documents holding it, kept in
 * MiniSearch's radix tree (SearchableMap) so a half-typed word finds the words it starts. A
 * document is a decision's text, or an agenda item's title, notes, chair's answer and meeting title
 * held once for all of its decisions. Rows (decisions) are numbered by the ledger (`slot`); a query
 * word's answer is a dense score array over the slots, so a query is a few array lookups per
 * candidate (20,000 decisions in a few milliseconds, where MiniSearch's
 * own search, building a result object per match, took 40–250 ms).
 */
import { createHash } from 'node:crypto';
import SearchableMap from 'minisearch/SearchableMap';
import type { Meeting } from '../../../shared/domain';
import { stem, tokenizeWords, type QueryWord } from './words';

interface Doc {
  /** What the document was made from (its text, or a digest of it): unchanged text is not indexed again. */
  key: string;
  /** The ledger slots of the decisions the document stands for: a decision's one slot as a number (no array each). */
  rows: number | number[];
  alive: boolean;
  /**
   * Its terms, to take it out of their postings. A decision's document has none: its key is its
   * text, and they are found again from it (an array of words per decision was 2 MB per 20,000).
   */
  terms: string[] | null;
}

/** The indexed terms of a text, as `add` finds them. */
function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenizeWords(text)) {
    const term = stem(token);
    if (term) terms.add(term);
  }
  return terms;
}

interface Postings {
  docs: Doc[];
  weights: number[];
  /** Documents in `docs` no longer alive: the list is compacted when they are half of it. */
  dead: number;
}

/** What a query word finds: the slots it matches and each slot's score (0 where it does not match). */
export interface WordHits {
  slots: number[];
  scores: Float32Array;
}

/** How much a word counts in each place: the decision's own words most, long notes least. */
const BOOST = { decision: 3, title: 2, answer: 1.5, notes: 1, meeting: 1 };
/** A word found only as the start of a longer word counts this much of a whole word. */
const PREFIX_WEIGHT = 0.5;

interface MeetingDocs {
  items: Map<string, Doc>;
  decisions: Map<string, Doc>;
}

/**
 * An item document's key: a digest of its fields, not the fields joined, which would hold every
 * item's notes in memory after the meeting is let go (issue 20).
 */
function digest(fields: string[]): string {
  const hash = createHash('sha1');
  for (const field of fields) hash.update(field).update('\u0000');
  return hash.digest('base64');
}

export class LedgerTextIndex {
  /** Stems and the documents holding them. */
  private vocab = new SearchableMap<Postings>();
  /**
   * Words as written, where stemming changed them, to their stems: a word being typed ("pricin")
   * finds the words it starts ("pricing") and through them their stem ("price"). Never pruned: a
   * spelling no document holds any more leads to a stem with no postings, which finds nothing.
   */
  private spellings = new SearchableMap<string>();
  private meetings = new Map<string, MeetingDocs>();
  private liveDocs = 0;

  /** (Re)indexes a meeting; text unchanged since the last time is not read again (a save changes little). */
  setMeeting(meeting: Meeting, slotOf: (decisionId: string) => number): void {
    const before = this.meetings.get(meeting.id);
    const after: MeetingDocs = { items: new Map(), decisions: new Map() };
    for (const item of meeting.agenda) {
      if (item.decisions.length === 0) continue;
      const answer = item.answer?.text ?? '';
      const key = digest([item.title, item.notes, answer, meeting.title]);
      const slots = item.decisions.map((decision) => slotOf(decision.id));
      after.items.set(
        item.id,
        this.reuse(before?.items.get(item.id), key, slots, () => [
          [item.title, BOOST.title],
          [item.notes, BOOST.notes],
          [answer, BOOST.answer],
          [meeting.title, BOOST.meeting],
        ]),
      );
      for (const decision of item.decisions)
        after.decisions.set(
          decision.id,
          this.reuse(before?.decisions.get(decision.id), decision.text, slotOf(decision.id), () => [[decision.text, BOOST.decision]]),
        );
    }
    if (before) {
      for (const [id, doc] of before.items) if (after.items.get(id) !== doc) this.kill(doc);
      for (const [id, doc] of before.decisions) if (after.decisions.get(id) !== doc) this.kill(doc);
    }
    this.meetings.set(meeting.id, after);
  }

  removeMeeting(meetingId: string): void {
    const docs = this.meetings.get(meetingId);
    if (!docs) return;
    for (const doc of [...docs.items.values(), ...docs.decisions.values()]) this.kill(doc);
    this.meetings.delete(meetingId);
  }

  clear(): void {
    this.vocab = new SearchableMap<Postings>();
    this.spellings = new SearchableMap<string>();
    this.meetings.clear();
    this.liveDocs = 0;
  }

  /** The slots (below `capacity`) a word finds in the text, with their scores (the ledger caches them). */
  find(word: QueryWord, capacity: number): WordHits {
    const hits: WordHits = { slots: [], scores: new Float32Array(capacity) };
    for (const [term, postings] of this.terms(word)) {
      const whole = term === word.stem;
      const weight = (whole ? 1 : PREFIX_WEIGHT) * Math.log(1 + this.liveDocs / Math.max(1, postings.docs.length - postings.dead));
      for (let i = 0; i < postings.docs.length; i++) {
        const doc = postings.docs[i]!;
        if (!doc.alive) continue;
        const score = postings.weights[i]! * weight;
        const rows = doc.rows;
        const count = typeof rows === 'number' ? 1 : rows.length;
        for (let k = 0; k < count; k++) {
          const slot = typeof rows === 'number' ? rows : rows[k]!;
          const seen = hits.scores[slot]!;
          if (seen === 0) hits.slots.push(slot);
          if (score > seen) hits.scores[slot] = score;
        }
      }
    }
    return hits;
  }

  /** The indexed terms a word reaches: its stem, or with `prefix` every term starting with it. */
  private terms(word: QueryWord): Map<string, Postings> {
    const found = new Map<string, Postings>();
    if (!word.prefix) {
      const postings = this.vocab.get(word.stem);
      if (postings) found.set(word.stem, postings);
      return found;
    }
    for (const start of new Set([word.stem, word.word]))
      for (const [term, postings] of this.vocab.atPrefix(start)) found.set(term, postings);
    for (const [, term] of this.spellings.atPrefix(word.word)) {
      const postings = this.vocab.get(term);
      if (postings) found.set(term, postings);
    }
    return found;
  }

  private reuse(old: Doc | undefined, key: string, rows: Doc['rows'], fields: () => [string, number][]): Doc {
    if (old && old.key === key) {
      old.rows = rows;
      return old;
    }
    return this.add(key, fields(), rows);
  }

  /** A document; its key is its only field's text when it has one field (a decision), else a digest. */
  private add(key: string, fields: [string, number][], rows: Doc['rows']): Doc {
    // A word's weight in a document: its best place, a little more when it recurs there.
    const weights = new Map<string, number>();
    for (const [text, boost] of fields) {
      const counts = new Map<string, number>();
      for (const token of tokenizeWords(text)) {
        const term = stem(token);
        if (!term) continue;
        counts.set(term, (counts.get(term) ?? 0) + 1);
        const word = token.toLowerCase();
        if (word !== term && !this.spellings.has(word)) this.spellings.set(word, term);
      }
      for (const [form, count] of counts) weights.set(form, Math.max(weights.get(form) ?? 0, boost * (1 + Math.log(count))));
    }
    const doc: Doc = { key, rows, alive: true, terms: fields.length === 1 ? null : [...weights.keys()] };
    for (const [term, weight] of weights) {
      let postings = this.vocab.get(term);
      if (!postings) this.vocab.set(term, (postings = { docs: [], weights: [], dead: 0 }));
      postings.docs.push(doc);
      postings.weights.push(weight);
    }
    this.liveDocs++;
    return doc;
  }

  private kill(doc: Doc): void {
    if (!doc.alive) return;
    doc.alive = false;
    this.liveDocs--;
    for (const term of doc.terms ?? termsOf(doc.key)) {
      const postings = this.vocab.get(term);
      if (!postings) continue;
      postings.dead++;
      if (postings.dead * 2 < postings.docs.length) continue;
      const kept = postings.docs.flatMap((d, i) => (d.alive ? [i] : []));
      if (kept.length === 0) this.vocab.delete(term);
      else this.vocab.set(term, { docs: kept.map((i) => postings.docs[i]!), weights: kept.map((i) => postings.weights[i]!), dead: 0 });
    }
  }
}
