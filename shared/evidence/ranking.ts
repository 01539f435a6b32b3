/**
 * Ranking customer evidence with MiniSearch (BM25+ relevance, prefix search, small, no native code,
 * runs in Node and the browser, so the ledger's search can use the same engine later). Word forms
 * meet through the Porter stemmer ("pricing", "prices" and "price" all index as "price").
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { stemmer } from 'stemmer';
import type { TermStats } from './termStats';

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

/**
 * Words already processed: stemming is the costliest step of indexing (one Porter pass of a dozen
 * regexes per word), and an import meets the same few thousand words again and again. Bounded: cleared when full.
 */
const processed = new Map<string, string | null>();
const PROCESSED_MAX = 200_000;

/** Lower case, no stop words or one-letter words, stemmed. The same for documents and queries. */
export function processTerm(term: string): string | null {
  const known = processed.get(term);
  if (known !== undefined) return known;
  const word = term.toLowerCase();
  const result = word.length < 2 || STOP_WORDS.has(word) ? null : /^[a-z]+$/.test(word) ? stemmer(word) : word;
  if (processed.size >= PROCESSED_MAX) processed.clear();
  processed.set(term, result);
  return result;
}

/** The processed terms of a text, as the index holds them (repeats kept). */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}

/**
 * `onTerm` hears each processed term as a document is indexed (the service's term statistics), so
 * a text is tokenized and stemmed once, not once for the statistics and again for MiniSearch.
 * Searches pass their own processTerm (rankEvidence), so they never reach it.
 */
export function createEvidenceIndex(onTerm?: (term: string) => void): MiniSearch<RankedDoc> {
  const indexTerm = onTerm
    ? (token: string) => {
        const term = processTerm(token);
        if (term) onTerm(term);
        return term;
      }
    : processTerm;
  return new MiniSearch<RankedDoc>({ fields: ['text'], storeFields: [], tokenize, processTerm: indexTerm, idField: 'id' });
}

export interface QueryPart {
  text: string;
  /** How much this part's words count: the item title and tags more than long notes. */
  weight: number;
}

/** At most this many distinct words are searched: the ones that weigh most in the score are kept. */
export const QUERY_TERMS_MAX = 12;
/**
 * A word held by more than this share of the items is dropped from the query: its BM25 weight is
 * small (ln 4 at a quarter, against ln 1000 for a word in one item of a thousand), yet scoring it
 * walks a quarter of the library.
 */
export const COMMON_TERM_SHARE = 0.2;
/** …and by more than this many: in a small library every word is cheap, and a quarter of 4 items is not common. */
export const COMMON_TERM_MIN_ITEMS = 1_000;
/** The rarest word stays even when every word is common, so a query never goes empty. */
export const QUERY_TERMS_KEPT_MIN = 1;
/**
 * The words kept may hold at most this many items between them (beyond the rarest word): MiniSearch
 * scores every item of every word searched, about a microsecond each, so this bounds a query's work.
 */
export const SCORED_POSTINGS_MAX = 12_000;
/**
 * Prefix search ("pric" finds "price") for one word only: the last one at least this long that no
 * item holds whole, most likely the word still being typed. Expanding every word walked every
 * item of every longer word.
 */
export const PREFIX_MIN_LENGTH = 4;

export interface BuiltQuery {
  terms: string[];
  weights: Map<string, number>;
  /** Terms searched as prefixes too (at most one, see PREFIX_MIN_LENGTH). */
  prefix: Set<string>;
  /** Items held by the terms searched (0 without term statistics): the work the query asks for. */
  postings: number;
}

/**
 * The words to search for, heaviest first. With the index's term statistics it drops the words most
 * items share (keeping the rarest QUERY_TERMS_KEPT_MIN) and keeps the QUERY_TERMS_MAX that weigh most
 * (part weight × inverse document frequency): the work of a query then follows the rare words.
 */
export function buildQuery(parts: QueryPart[], stats?: TermStats): BuiltQuery {
  const weights = new Map<string, number>();
  const order: string[] = [];
  for (const part of parts) {
    for (const term of indexTerms(part.text)) {
      const known = weights.get(term);
      if (known === undefined) order.push(term);
      weights.set(term, Math.max(known ?? 0, part.weight));
    }
  }
  const documents = Math.max(1, stats?.documents ?? 0);
  const frequency = (term: string) => stats?.frequency(term) ?? 0;
  // The rarest words the items hold: a word no item holds (a typo, a word half typed) costs nothing and stays anyway.
  const held = (term: string) => frequency(term) || Infinity;
  const rarest = new Set([...order].sort((a, b) => held(a) - held(b)).slice(0, QUERY_TERMS_KEPT_MIN));
  const worth = (term: string) => weights.get(term)! * Math.log(1 + documents / (frequency(term) + 0.5));
  const ranked = order
    .filter((term) => !stats || rarest.has(term) || frequency(term) <= Math.max(documents * COMMON_TERM_SHARE, COMMON_TERM_MIN_ITEMS))
    .map((term, index) => ({ term, index, worth: worth(term) }))
    .sort((a, b) => b.worth - a.worth || a.index - b.index);
  const kept = new Set<string>();
  let postings = 0;
  for (const { term } of ranked) {
    if (kept.size === QUERY_TERMS_MAX) break;
    if (!rarest.has(term) && postings + frequency(term) > SCORED_POSTINGS_MAX) continue;
    kept.add(term);
    postings += frequency(term);
  }
  const terms = ranked.map((entry) => entry.term).filter((term) => kept.has(term));
  const typing = order.filter((term) => kept.has(term) && term.length >= PREFIX_MIN_LENGTH && frequency(term) === 0).at(-1);
  return { terms, weights, prefix: new Set(typing ? [typing] : []), postings };
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

/** The document's own boost: its recency, and the segment boost when its segment is asked for. */
export function documentBoost(facts: DocFacts, boostSegments: Set<string>): number {
  return (boostSegments.size > 0 && boostSegments.has(facts.segment) ? SEGMENT_BOOST : 1) * facts.recency;
}

/**
 * MiniSearch's BM25+ ranking of the query. With `candidates`, only those items are scored for the
 * query's own words (the others are skipped before any result is built); prefix expansions of the
 * word being typed still reach every item.
 */
export function rankEvidence(
  index: MiniSearch<RankedDoc>,
  query: BuiltQuery,
  options: RankOptions & { candidates?: Set<number> },
): RankedHit[] {
  if (query.terms.length === 0) return [];
  const exact = new Set(query.terms);
  const { candidates } = options;
  const results: SearchResult[] = index.search(query.terms.join(' '), {
    combineWith: 'OR',
    // The terms are processed already: stemming them again would miss their weights and prefixes.
    tokenize: (terms) => terms.split(' '),
    processTerm: (term) => term,
    prefix: (term) => query.prefix.has(term),
    weights: { prefix: 0.3, fuzzy: 0 },
    boostTerm: (term) => query.weights.get(term) ?? 1,
    boostDocument: (id: number, term: string) => {
      if (candidates && exact.has(term) && !candidates.has(id)) return 0;
      return documentBoost(options.facts(id), options.boostSegments);
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
