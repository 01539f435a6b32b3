/**
 * Ranking customer evidence with MiniSearch (BM25+ relevance, prefix search, small, no native code,
 * runs in Node and the browser, so the ledger's search can use the same engine later). Word forms
 * meet through the Porter stemmer ("pricing", "prices" and "price" all index as "price").
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { stemmer } from 'stemmer';

export interface RankedDoc {
  /** Position in the service's item list. */
  id: number;
  text: string;
}

/** What boosts need to know about a document, looked up by id (once per matched term: keep it cheap). */
export interface DocFacts {
  /** recencyBoost of its date, worked out when it was indexed. */
  recency: number;
  /** Lower case. */
  segment: string;
}

const STOP_WORDS = new Set(
  'a an and are as at be but by can could did do does for from had has have how i if in into is it its just me my no not of on or our so than that the their them then there these they this to too us was we were what when which who will with would you your about after also all am any been being both each few more most much other over same should some such only own very via how does affect customer customers'.split(
    ' ',
  ),
);
/** Words are runs of letters and digits: "=HYPERLINK(" and "<img" index as plain words. */
const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Lower case, no stop words or one-letter words, stemmed. The same for documents and queries. */
export function processTerm(term: string): string | null {
  const word = term.toLowerCase();
  if (word.length < 2 || STOP_WORDS.has(word)) return null;
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

export function createEvidenceIndex(): MiniSearch<RankedDoc> {
  return new MiniSearch<RankedDoc>({ fields: ['text'], storeFields: [], tokenize, processTerm, idField: 'id' });
}

export interface QueryPart {
  text: string;
  /** How much this part's words count: the item title and tags more than long notes. */
  weight: number;
}

/** At most this many distinct words are searched; the heaviest (then earliest) are kept. */
export const QUERY_TERMS_MAX = 32;

export interface BuiltQuery {
  terms: string[];
  weights: Map<string, number>;
}

export function buildQuery(parts: QueryPart[]): BuiltQuery {
  const weights = new Map<string, number>();
  const order: string[] = [];
  for (const part of parts) {
    for (const token of tokenize(part.text)) {
      const term = processTerm(token);
      if (!term) continue;
      const known = weights.get(term);
      if (known === undefined) order.push(term);
      weights.set(term, Math.max(known ?? 0, part.weight));
    }
  }
  const terms = order
    .map((term, index) => ({ term, index, weight: weights.get(term)! }))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .slice(0, QUERY_TERMS_MAX)
    .map((entry) => entry.term);
  return { terms, weights };
}

export interface RankOptions {
  facts: (id: number) => DocFacts;
  /** Normalised segments (lower case) whose evidence ranks higher. */
  boostSegments: Set<string>;
  filter?: (id: number) => boolean;
}

/** Recency: today ×1.25, fading with a half-life of about six months to ×1.0. Undated: ×1.0. */
export function recencyBoost(date: string | null, now: Date): number {
  if (!date) return 1;
  const days = Math.max(0, (now.getTime() - Date.parse(date)) / 86_400_000);
  return 1 + 0.25 * Math.pow(0.5, days / 180);
}

export const SEGMENT_BOOST = 1.5;

export interface RankedHit {
  id: number;
  score: number;
  /** The index terms that matched (stems), for marking the quote. */
  terms: string[];
}

export function rankEvidence(index: MiniSearch<RankedDoc>, query: BuiltQuery, options: RankOptions): RankedHit[] {
  if (query.terms.length === 0) return [];
  const results: SearchResult[] = index.search(query.terms.join(' '), {
    combineWith: 'OR',
    prefix: (term) => term.length >= 4,
    weights: { prefix: 0.3, fuzzy: 0 },
    boostTerm: (term) => query.weights.get(term) ?? 1,
    boostDocument: (id: number) => {
      const facts = options.facts(id);
      const segment = options.boostSegments.size > 0 && options.boostSegments.has(facts.segment) ? SEGMENT_BOOST : 1;
      return segment * facts.recency;
    },
    filter: options.filter ? (result) => options.filter!(result.id as number) : undefined,
  });
  return results.map((result) => ({ id: result.id as number, score: result.score, terms: result.terms }));
}

/** Results this close to the best count as "mentioning" the topic for the scale line. */
export const MENTION_SHARE_OF_TOP = 0.35;

export function mentioning(hits: RankedHit[]): RankedHit[] {
  const top = hits[0]?.score ?? 0;
  return hits.filter((hit) => hit.score >= top * MENTION_SHARE_OF_TOP);
}

/**
 * Where the matched words are in the text, as [start, end) ranges: the UI marks them by splitting
 * the text, never by building HTML. A word matches when its processed form starts with a matched stem.
 */
export function markMatches(text: string, terms: string[]): [number, number][] {
  if (terms.length === 0) return [];
  const wanted = new Set(terms);
  const marks: [number, number][] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const term = processTerm(match[0]);
    if (term && (wanted.has(term) || wanted.has(match[0].toLowerCase()))) marks.push([match.index, match.index + match[0].length]);
  }
  return marks;
}
