/**
 * How many indexed items hold each term (its document frequency), kept beside the MiniSearch index
 * because MiniSearch has no public API for it. The query builder uses it to drop words that nearly
 * every item shares: their BM25 weight is close to nothing, yet scoring them walks every item.
 */
export class TermStats {
  private readonly counts = new Map<string, number>();
  private total = 0;

  /** Items counted. */
  get documents(): number {
    return this.total;
  }

  /** Counts one item's distinct terms (as `terms` lists them: processed, repeats allowed). */
  add(terms: Iterable<string>): void {
    this.total++;
    for (const term of new Set(terms)) this.counts.set(term, (this.counts.get(term) ?? 0) + 1);
  }

  /** Uncounts an item added before with the same terms. */
  remove(terms: Iterable<string>): void {
    this.total = Math.max(0, this.total - 1);
    for (const term of new Set(terms)) {
      const count = (this.counts.get(term) ?? 0) - 1;
      if (count > 0) this.counts.set(term, count);
      else this.counts.delete(term);
    }
  }

  /** Items that hold this processed term. */
  frequency(term: string): number {
    return this.counts.get(term) ?? 0;
  }
}
