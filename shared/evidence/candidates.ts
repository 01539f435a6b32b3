/**
 * A bound on what MiniSearch scores. MiniSearch builds result objects for every item of every word
 * searched (several allocations each); over 100,000 items one word held by a tenth of them costs
 * ~100 ms. When the words kept hold more than CANDIDATES_MAX items, a cheap pass over the item sets
 * (no allocation per item beyond one map entry) scores each item by the words it holds (part weight ×
 * IDF) times its document boost, and only the best CANDIDATES_MAX go to MiniSearch, which ranks them
 * with the full BM25+ (term frequency, length). The scale line counts from the same cheap pass, so
 * it still counts every item that mentions the topic, not only the candidates.
 */
import type { TermStats } from './termStats';

/** At most this many items are scored by MiniSearch per query. */
export const CANDIDATES_MAX = 1_000;

export interface Candidates {
  /** The items MiniSearch may score. */
  ids: Set<number>;
  /** Items holding any of the words. */
  matched: number;
  /** Items whose cheap score is at least `mentionShare` of the best: what the scale line counts. */
  mentioning: number[];
}

export function selectCandidates(
  terms: string[],
  weights: Map<string, number>,
  stats: TermStats,
  docBoost: (id: number) => number,
  mentionShare: number,
): Candidates | null {
  const total = terms.reduce((sum, term) => sum + stats.frequency(term), 0);
  if (total <= CANDIDATES_MAX) return null;
  const scores = new Map<number, number>();
  for (const term of terms) {
    const idf = Math.log(1 + stats.documents / (stats.frequency(term) + 0.5));
    const worth = (weights.get(term) ?? 1) * idf;
    for (const id of stats.holding(term)) scores.set(id, (scores.get(id) ?? 0) + worth);
  }
  let best = 0;
  const ranked: { id: number; score: number }[] = [];
  for (const [id, score] of scores) {
    const boosted = score * docBoost(id);
    ranked.push({ id, score: boosted });
    if (boosted > best) best = boosted;
  }
  const mentioning = ranked.filter((entry) => entry.score >= best * mentionShare).map((entry) => entry.id);
  ranked.sort((a, b) => b.score - a.score || a.id - b.id);
  return { ids: new Set(ranked.slice(0, CANDIDATES_MAX).map((entry) => entry.id)), matched: ranked.length, mentioning };
}
