/**
 * Which indexed items hold each term, kept beside the MiniSearch index because MiniSearch has no
 * public API for it. The query builder uses the counts (document frequencies) to drop words that
 * nearly every item shares; the candidate step walks the item sets to bound what MiniSearch scores.
 */
export class TermStats {
  private readonly holders = new Map<string, Set<number>>();
  private total = 0;

  /** Items counted. */
  get documents(): number {
    return this.total;
  }

  /** Counts item `id` with its terms (processed, as `indexTerms` lists them; repeats allowed). */
  add(id: number, terms: Iterable<string>): void {
    this.total++;
    for (const term of terms) {
      const ids = this.holders.get(term);
      if (ids) ids.add(id);
      else this.holders.set(term, new Set([id]));
    }
  }

  /** Uncounts item `id`, added before with the same terms. */
  remove(id: number, terms: Iterable<string>): void {
    this.total = Math.max(0, this.total - 1);
    for (const term of terms) {
      const ids = this.holders.get(term);
      ids?.delete(id);
      if (ids?.size === 0) this.holders.delete(term);
    }
  }

  /** Items that hold this processed term. */
  frequency(term: string): number {
    return this.holders.get(term)?.size ?? 0;
  }

  /** The ids of the items that hold this processed term. */
  holding(term: string): ReadonlySet<number> {
    return this.holders.get(term) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<number> = new Set();
