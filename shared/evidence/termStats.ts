/**
 * Which indexed items hold each term, kept beside the MiniSearch index because MiniSearch has no
 * public API for it. The query builder uses the counts (document frequencies) to drop words that
 * nearly every item shares; the candidate step walks the item lists to bound what MiniSearch scores.
 * Each term's items are a sorted array, not a Set: the index hands out ids in rising order, so
 * adding is a push (a word repeated in one item is seen as the last id), with no hashing per word.
 */
export class TermStats {
  private readonly holders = new Map<string, number[]>();
  private total = 0;

  /** Items counted. */
  get documents(): number {
    return this.total;
  }

  /** Counts item `id` with its terms (processed, as `indexTerms` lists them; repeats allowed). */
  add(id: number, terms: Iterable<string>): void {
    this.addDocument();
    for (const term of terms) this.addTerm(id, term);
  }

  /** Counts one more item; its terms follow through `addTerm` (as the index hears them). */
  addDocument(): void {
    this.total++;
  }

  addTerm(id: number, term: string): void {
    const ids = this.holders.get(term);
    if (!ids) this.holders.set(term, [id]);
    else if (ids[ids.length - 1]! < id) ids.push(id);
    else if (ids[ids.length - 1] !== id) insertSorted(ids, id);
  }

  /** Uncounts item `id`, added before with the same terms. */
  remove(id: number, terms: Iterable<string>): void {
    this.total = Math.max(0, this.total - 1);
    for (const term of terms) {
      const ids = this.holders.get(term);
      if (!ids) continue;
      const at = lowerBound(ids, id);
      if (ids[at] === id) ids.splice(at, 1);
      if (ids.length === 0) this.holders.delete(term);
    }
  }

  /** Uncounts many items at once (a source removed): one pass over the lists, not one per item and word. */
  removeAll(removed: ReadonlySet<number>): void {
    if (removed.size === 0) return;
    this.total = Math.max(0, this.total - removed.size);
    for (const [term, ids] of this.holders) {
      const kept = ids.filter((id) => !removed.has(id));
      if (kept.length === 0) this.holders.delete(term);
      else if (kept.length !== ids.length) this.holders.set(term, kept);
    }
  }

  /** Items that hold this processed term. */
  frequency(term: string): number {
    return this.holders.get(term)?.length ?? 0;
  }

  /** The ids of the items that hold this processed term, in rising order. */
  holding(term: string): readonly number[] {
    return this.holders.get(term) ?? EMPTY;
  }
}

const EMPTY: readonly number[] = [];

function lowerBound(ids: readonly number[], id: number): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[middle]! < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(ids: number[], id: number): void {
  const at = lowerBound(ids, id);
  if (ids[at] !== id) ids.splice(at, 0, id);
}
