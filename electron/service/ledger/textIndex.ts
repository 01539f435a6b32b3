/**
 * The ledger's words: an inverted index from each word form to the documents holding it. A
 * document is a decision's text, or an agenda item's title, notes, chair's answer and meeting title
 * held once for all of its decisions; it stands for a run of ledger slots (ledger/rows.ts). Postings
 * are typed arrays (issue 20): the bulk in one block ordered by term (`starts[term]` to
 * `starts[term + 1]`), what was added since in a short tail, folded in (`freeze`) when it grows,
 * dropping documents no longer alive. A query word's answer is the slots it finds, sorted, and a
 * score each. Terms are found by prefix with a binary search over them in sorted order.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Meeting } from '../../../shared/domain';
import { ensure, fit, type SharedFile } from './pool';
import { stem, tokenizeWords, type QueryWord } from './words';
import { Vocabulary } from './vocabulary';

/** What a query word finds: the slots it matches, ascending, and each one's score. */
export interface WordHits {
  slots: Int32Array;
  scores: Float32Array;
}

/** How much a word counts in each place: the decision's own words most, long notes least. */
const BOOST = { decision: 3, title: 2, answer: 1.5, notes: 1, meeting: 1 };
/** A word found only as the start of a longer word counts this much of a whole word. */
const PREFIX_WEIGHT = 0.5;
/** Postings added since the last fold; a query reads the tail whole, so it is kept short. */
const TAIL_MAX = 32_768;
const ITEM = 1;

/** The folded postings left in the ledger's file (ledger/snapshot.ts): a term's are read when asked for. */
export interface PostingsFile {
  shared: SharedFile;
  docsAt: number;
  weightsAt: number;
}

/** The slots a query word found so far, in the order found. */
interface Found {
  slots: Int32Array;
  count: number;
}

/** Where a meeting's decisions were in the rows before, to keep documents whose text is unchanged. */
export interface OldRows {
  docs: readonly number[] | Int32Array;
  decisionId(slot: number): string;
  text(slot: number): string;
  itemId(slot: number): string;
}

/** A digest of an item's fields (two 32-bit words): an unchanged item is not indexed again. */
function digest(fields: string[]): [number, number] {
  const hash = createHash('sha1');
  for (const field of fields) hash.update(field).update('\u0000');
  const bytes = hash.digest();
  return [bytes.readUInt32LE(0), bytes.readUInt32LE(4)];
}

export class LedgerTextIndex {
  terms = new Vocabulary();
  /** Words as written, where stemming changed them ("pricing"), and their stems' term ids. */
  spellings = new Vocabulary();
  spellingTerm = new Int32Array(64);
  /** The folded postings: term t's are docs/weights[starts[t] .. starts[t + 1]). */
  starts = new Int32Array(1);
  docs: Int32Array<ArrayBufferLike> = new Int32Array(0);
  weights: Float32Array<ArrayBufferLike> = new Float32Array(0);
  tailTerm = new Int32Array(64);
  tailDoc = new Int32Array(64);
  tailWeight = new Float32Array(64);
  tailSize = 0;
  /** Where the folded postings are while they stay in the file (docs and weights then empty). */
  postingsFile: PostingsFile | null = null;
  /** Documents by number: the run of slots each stands for (count 0: dead), its kind and digest. */
  docStart = new Int32Array(64);
  docCount = new Int32Array(64);
  docKind = new Uint8Array(64);
  docHash = new Uint32Array(128);
  docSize = 0;
  liveDocs = 0;
  private scratch = new Float32Array(0);

  /** Takes the state a snapshot held (ledger/snapshot.ts checks it before use). */
  restore(
    sizes: { terms: string[]; spellings: string[]; docSize: number; liveDocs: number },
    sortedTerms: Int32Array,
    sortedSpellings: Int32Array,
    arrays: Pick<LedgerTextIndex, 'spellingTerm' | 'starts' | 'docStart' | 'docCount' | 'docKind' | 'docHash'>,
    postings: PostingsFile,
  ): void {
    this.postingsFile = postings; // its reader joins the file's users once the whole ledger is checked
    this.terms = new Vocabulary(sizes.terms, sortedTerms);
    this.spellings = new Vocabulary(sizes.spellings, sortedSpellings);
    Object.assign(this, arrays, { docSize: sizes.docSize, liveDocs: sizes.liveDocs });
  }

  /** Indexes a meeting whose rows were appended at `first`; documents of unchanged text are kept (a save changes little). */
  setMeeting(meeting: Meeting, first: number, old: OldRows | null): number[] {
    const oldItems = new Map<string, number>();
    const oldDecisions = new Map<string, number>();
    for (const doc of old?.docs ?? []) {
      if (this.docCount[doc] === 0) continue;
      const at = this.docStart[doc]!;
      if (this.docKind[doc] === ITEM) oldItems.set(old!.itemId(at), doc);
      else oldDecisions.set(old!.decisionId(at), doc);
    }
    const docs: number[] = [];
    let slot = first;
    for (const item of meeting.agenda) {
      const count = item.decisions.length;
      if (count === 0) continue;
      const answer = item.answer?.text ?? '';
      const hash = digest([item.title, item.notes, answer, meeting.title]);
      const was = oldItems.get(item.id);
      oldItems.delete(item.id);
      if (was !== undefined && this.docHash[was * 2] === hash[0] && this.docHash[was * 2 + 1] === hash[1]) {
        this.move(was, slot, count);
        docs.push(was);
      } else {
        if (was !== undefined) this.kill(was);
        const fields: [string, number][] = [
          [item.title, BOOST.title],
          [item.notes, BOOST.notes],
          [answer, BOOST.answer],
          [meeting.title, BOOST.meeting],
        ];
        docs.push(this.add(fields, slot, count, hash));
      }
      for (const decision of item.decisions) {
        const kept = oldDecisions.get(decision.id);
        oldDecisions.delete(decision.id);
        if (kept !== undefined && old!.text(this.docStart[kept]!) === decision.text) {
          this.move(kept, slot, 1);
          docs.push(kept);
        } else {
          if (kept !== undefined) this.kill(kept);
          docs.push(this.add([[decision.text, BOOST.decision]], slot, 1, null));
        }
        slot++;
      }
    }
    for (const doc of [...oldItems.values(), ...oldDecisions.values()]) this.kill(doc);
    return docs;
  }

  /** Takes a meeting's documents out (its rows are dead). */
  removeDocs(docs: readonly number[] | Int32Array): void {
    for (const doc of docs) this.kill(doc);
  }

  /** The documents' runs after the rows were compacted: each moved by `shift` slots. */
  shift(docs: readonly number[] | Int32Array, by: number): void {
    for (const doc of docs) this.docStart[doc]! += by;
  }

  private move(doc: number, start: number, count: number): void {
    this.docStart[doc] = start;
    this.docCount[doc] = count;
  }

  private kill(doc: number): void {
    if (this.docCount[doc] === 0) return;
    this.docCount[doc] = 0;
    this.liveDocs--;
  }

  /** A document; a word's weight in it is its best place, a little more when it recurs there. */
  private add(fields: [string, number][], start: number, count: number, hash: [number, number] | null): number {
    const weights = new Map<number, number>();
    for (const [text, boost] of fields) {
      const counts = new Map<number, number>();
      for (const token of tokenizeWords(text)) {
        const form = stem(token);
        if (!form) continue;
        const term = this.terms.id(form);
        counts.set(term, (counts.get(term) ?? 0) + 1);
        const word = token.toLowerCase();
        if (word !== form && !this.spellings.has(word)) {
          const spelling = this.spellings.id(word);
          this.spellingTerm = ensure(this.spellingTerm, spelling + 1);
          this.spellingTerm[spelling] = term;
        }
      }
      for (const [term, seen] of counts) weights.set(term, Math.max(weights.get(term) ?? 0, boost * (1 + Math.log(seen))));
    }
    const doc = this.docSize++;
    for (const name of ['docStart', 'docCount', 'docKind'] as const) this[name] = ensure(this[name] as never, this.docSize);
    this.docHash = ensure(this.docHash, this.docSize * 2);
    this.move(doc, start, count);
    this.docKind[doc] = hash ? ITEM : 0;
    if (hash) [this.docHash[doc * 2], this.docHash[doc * 2 + 1]] = hash;
    const end = this.tailSize + weights.size;
    this.tailTerm = ensure(this.tailTerm, end);
    this.tailDoc = ensure(this.tailDoc, end);
    this.tailWeight = ensure(this.tailWeight, end);
    for (const [term, weight] of weights) {
      this.tailTerm[this.tailSize] = term;
      this.tailDoc[this.tailSize] = doc;
      this.tailWeight[this.tailSize++] = weight;
    }
    this.liveDocs++;
    return doc;
  }

  /** The folded postings of terms [first, last) (all: 0 to the term count), from memory or the file. */
  folded(first = 0, last = this.starts.length - 1): { docs: Int32Array; weights: Float32Array; base: number } {
    const from = this.starts[first]!;
    const file = this.postingsFile;
    if (!file) return { docs: this.docs, weights: this.weights, base: 0 };
    const count = this.starts[last]! - from;
    const docs = new Int32Array(count);
    const weights = new Float32Array(count);
    fs.readSync(file.shared.fd, new Uint8Array(docs.buffer), 0, count * 4, file.docsAt + from * 4);
    fs.readSync(file.shared.fd, new Uint8Array(weights.buffer), 0, count * 4, file.weightsAt + from * 4);
    return { docs, weights, base: from }; // posting i is docs[i - base]
  }

  /** Reads the folded postings into memory (before they change) and lets go of the file. */
  private materialize(): void {
    const file = this.postingsFile;
    if (!file) return;
    const { docs, weights } = this.folded();
    this.docs = docs;
    this.weights = weights;
    this.postingsFile = null;
    file.shared.release(this);
  }

  /** Arrays cut to their contents (the tail folded in). */
  trim(): void {
    this.freeze();
    this.docStart = fit(this.docStart, this.docSize);
    this.docCount = fit(this.docCount, this.docSize);
    this.docKind = fit(this.docKind, this.docSize);
    this.docHash = fit(this.docHash, this.docSize * 2);
    this.spellingTerm = fit(this.spellingTerm, this.spellings.names.length);
  }

  /** Folds the tail into the block ordered by term, leaving out dead documents (a counting sort). */
  freeze(): void {
    this.terms.sort();
    this.spellings.sort();
    if (this.tailSize === 0 && this.starts.length === this.terms.names.length + 1) return;
    this.materialize();
    const termCount = this.terms.names.length;
    const folded = this.starts.length - 1;
    const counts = new Int32Array(termCount + 1);
    const alive = (doc: number) => this.docCount[doc]! > 0;
    for (let term = 0; term < folded; term++)
      for (let i = this.starts[term]!; i < this.starts[term + 1]!; i++) if (alive(this.docs[i]!)) counts[term + 1]!++;
    for (let i = 0; i < this.tailSize; i++) if (alive(this.tailDoc[i]!)) counts[this.tailTerm[i]! + 1]!++;
    for (let term = 0; term < termCount; term++) counts[term + 1]! += counts[term]!;
    const docs = new Int32Array(counts[termCount]!);
    const weights = new Float32Array(docs.length);
    const at = counts.slice(0, termCount);
    const put = (term: number, doc: number, weight: number) => {
      if (!alive(doc)) return;
      docs[at[term]!] = doc;
      weights[at[term]!++] = weight;
    };
    for (let term = 0; term < folded; term++)
      for (let i = this.starts[term]!; i < this.starts[term + 1]!; i++) put(term, this.docs[i]!, this.weights[i]!);
    for (let i = 0; i < this.tailSize; i++) put(this.tailTerm[i]!, this.tailDoc[i]!, this.tailWeight[i]!);
    Object.assign(this, { starts: counts, docs, weights, tailSize: 0 });
    this.tailTerm = new Int32Array(64);
    this.tailDoc = new Int32Array(64);
    this.tailWeight = new Float32Array(64);
  }

  /** The slots (below `capacity`) a word finds in the text, ascending, with their scores. */
  find(word: QueryWord, capacity: number): WordHits {
    if (this.tailSize > TAIL_MAX) this.freeze();
    const reached = this.reach(word);
    if (this.scratch.length < capacity) this.scratch = new Float32Array(capacity);
    const scores = this.scratch; // all zero between calls
    const found: Found = { slots: new Int32Array(1024), count: 0 };
    for (const [term, tail] of reached) {
      const inBlock = term < this.starts.length - 1;
      const { docs, weights, base } = inBlock ? this.folded(term, term + 1) : { docs: this.docs, weights: this.weights, base: 0 };
      const from = inBlock ? this.starts[term]! - base : 0;
      const to = inBlock ? this.starts[term + 1]! - base : 0;
      const docCount = this.docCount;
      let live = 0;
      for (let i = from; i < to; i++) if (docCount[docs[i]!]! > 0) live++;
      for (const i of tail) if (docCount[this.tailDoc[i]!]! > 0) live++;
      const weight = (this.terms.names[term] === word.stem ? 1 : PREFIX_WEIGHT) * Math.log(1 + this.liveDocs / Math.max(1, live));
      this.visit(found, scores, docs, weights, from, to, weight);
      for (const i of tail) this.visit(found, scores, this.tailDoc, this.tailWeight, i, i + 1, weight);
    }
    // Ascending: many slots are read off the score array in order (one pass), a few are sorted.
    let sorted: Int32Array;
    if (found.count * 16 > capacity) {
      sorted = new Int32Array(found.count);
      for (let slot = 0, at = 0; slot < capacity; slot++) if (scores[slot] !== 0) sorted[at++] = slot;
    } else sorted = found.slots.slice(0, found.count).sort();
    const out = new Float32Array(found.count);
    for (let i = 0; i < sorted.length; i++) {
      out[i] = scores[sorted[i]!]!;
      scores[sorted[i]!] = 0;
    }
    return { slots: sorted, scores: out };
  }

  /** Each document of docs[from, to) gives its slots its score, where better: one loop, no call per document (it runs cold). */
  private visit(
    found: Found,
    scores: Float32Array,
    docs: Int32Array,
    weights: Float32Array,
    from: number,
    to: number,
    weight: number,
  ): void {
    const { docStart, docCount } = this;
    let { slots, count } = found;
    for (let i = from; i < to; i++) {
      const score = weights[i]! * weight;
      const doc = docs[i]!;
      for (let slot = docStart[doc]!, end = slot + docCount[doc]!; slot < end; slot++) {
        const seen = scores[slot]!;
        if (seen === 0) {
          if (count === slots.length) {
            const grown = new Int32Array(count * 2);
            grown.set(slots);
            slots = grown;
          }
          slots[count++] = slot;
        }
        if (score > seen) scores[slot] = score;
      }
    }
    found.slots = slots;
    found.count = count;
  }

  /** The terms a word reaches (its stem, or with `prefix` every term starting with it), each with its places in the tail. */
  private reach(word: QueryWord): Map<number, number[]> {
    const reached = new Map<number, number[]>();
    const stemId = this.terms.lookup(word.stem);
    if (stemId !== undefined) reached.set(stemId, []);
    if (word.prefix) {
      for (const start of new Set([word.stem, word.word])) for (const term of this.terms.startingWith(start)) reached.set(term, []);
      for (const spelling of this.spellings.startingWith(word.word)) reached.set(this.spellingTerm[spelling]!, []);
    }
    for (let i = 0; i < this.tailSize; i++) reached.get(this.tailTerm[i]!)?.push(i);
    return reached;
  }
}
