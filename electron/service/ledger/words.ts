/**
 * The ledger's word processing: the evidence ranking's (shared/evidence/ranking.ts: lower case, no
 * stop words, the Porter stemmer, so "price", "prices" and "pricing" meet), with numbers kept ("decision 7").
 */
import { processTerm } from '../../../shared/evidence/ranking';

/** Words are runs of letters and digits, as in the evidence index. */
export const tokenizeWords = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** A half-typed last word shorter than this is not expanded (two letters would reach most of the index). */
export const PREFIX_MIN_LENGTH = 3;

const NUMBER = /^\p{N}+$/u;
/** Stems of words seen, so warming up a library stems each distinct word once. Bounded: cleared when full. */
const stems = new Map<string, string | null>();
const STEM_CACHE_MAX = 200_000;

/** A word as indexed and searched: its stem, a number as it is, null for a stop word. */
export function stem(token: string): string | null {
  let known = stems.get(token);
  if (known === undefined) {
    known = processTerm(token) ?? (NUMBER.test(token) ? token.toLowerCase() : null);
    if (stems.size >= STEM_CACHE_MAX) stems.clear();
    stems.set(token, known);
  }
  return known;
}

/**
 * The forms a word is indexed under: its stem, and the lower-case word too when stemming changed
 * it, so a word being typed ("pricin") finds what it starts ("pricing") where the stem ("price") does not.
 */
export function indexForms(token: string): string[] {
  const base = stem(token);
  if (!base) return [];
  const word = token.toLowerCase();
  return word === base ? [base] : [base, word];
}

/** One word of a query, processed as the index processes words. */
export interface QueryWord {
  /** Lower case, as typed. */
  word: string;
  stem: string;
  /** The last word, long enough: it may be half typed, so it finds the words it starts. */
  prefix: boolean;
  /** Written `#word`: it looks at tag labels only. */
  tagOnly: boolean;
}

/** The words of a query; stop words are dropped (a query of stop words only has no words). */
export function queryWords(text: string): QueryWord[] {
  const words: QueryWord[] = [];
  const chunks = text.split(/\s+/).filter(Boolean);
  chunks.forEach((chunk, chunkIndex) => {
    const tokens = tokenizeWords(chunk);
    tokens.forEach((token, tokenIndex) => {
      const base = stem(token);
      if (!base) return;
      const last = chunkIndex === chunks.length - 1 && tokenIndex === tokens.length - 1;
      words.push({
        word: token.toLowerCase(),
        stem: base,
        prefix: last && token.length >= PREFIX_MIN_LENGTH,
        tagOnly: chunk.startsWith('#'),
      });
    });
  });
  return words;
}

/** Whether a name (a persona's, a tag's label) holds the word, in any of its forms. */
export function nameHolds(name: string, { word, stem: base, prefix }: QueryWord): boolean {
  for (const token of tokenizeWords(name))
    for (const form of indexForms(token)) {
      if (form === base || form === word) return true;
      if (prefix && (form.startsWith(base) || form.startsWith(word))) return true;
    }
  return false;
}
