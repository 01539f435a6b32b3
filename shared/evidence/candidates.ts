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
  const ids = new Int32Array(scores.size);
  const boosted = new Float64Array(scores.size);
  let best = 0;
  let count = 0;
  for (const [id, score] of scores) {
    ids[count] = id;
    boosted[count] = score * docBoost(id);
    best = Math.max(best, boosted[count++]!);
  }
  const mentioning: number[] = [];
  for (let i = 0; i < count; i++) if (boosted[i]! >= best * mentionShare) mentioning.push(ids[i]!);
  // The CANDIDATES_MAX-th best score: typed-array sort is numeric and allocates no object per item.
  const cut = count <= CANDIDATES_MAX ? 0 : Float64Array.from(boosted).sort()[count - CANDIDATES_MAX]!;
  const chosen = new Set<number>();
  for (let i = 0; i < count && chosen.size < CANDIDATES_MAX; i++) if (boosted[i]! > cut) chosen.add(ids[i]!);
  for (let i = 0; i < count && chosen.size < CANDIDATES_MAX; i++) if (boosted[i] === cut) chosen.add(ids[i]!);
  return { ids: chosen, matched: count, mentioning };
}
