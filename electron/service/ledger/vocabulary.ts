/**
 * The text index's terms and spellings (ledger/textIndex.ts): names by number, found by exact name
 * and by prefix through their sorted order, which a snapshot keeps (ledger/snapshot.ts).
 */
/** Strings named by number, found again by prefix through their sorted order (refreshed on `freeze`). */
export class Vocabulary {
  /** Name → id, made when first needed: a search finds names by their sorted place (finding 21). */
  private ids: Map<string, number> | null = null;
  sorted: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** `sorted` as a snapshot held it (its order checked before it was written: ledger/checks.ts). */
  constructor(
    readonly names: string[] = [],
    sorted?: Int32Array,
  ) {
    if (sorted && sorted.length === names.length) this.sorted = sorted;
    else this.sort();
  }

  private map(): Map<string, number> {
    if (!this.ids) {
      const ids = new Map<string, number>();
      this.names.forEach((name, id) => ids.set(name, id));
      this.ids = ids;
    }
    return this.ids;
  }

  /** `sorted` holds every id once, the names in order. */
  inOrder(): boolean {
    const { sorted, names } = this;
    if (sorted.length !== names.length) return false;
    const seen = new Uint8Array(names.length);
    for (let i = 0; i < sorted.length; i++) {
      const id = sorted[i]!;
      if (!(id >= 0 && id < seen.length) || seen[id] || (i > 0 && !(names[sorted[i - 1]!]! < names[id]!))) return false;
      seen[id] = 1;
    }
    return true;
  }

  has(name: string): boolean {
    return this.map().has(name);
  }

  /** The name's id, if known: by its sorted place until the map is made. */
  lookup(name: string): number | undefined {
    if (this.ids) return this.ids.get(name);
    const { sorted, names } = this;
    const at = this.firstAtLeast(name);
    if (at < sorted.length && names[sorted[at]!] === name) return sorted[at];
    for (let id = sorted.length; id < names.length; id++) if (names[id] === name) return id;
    return undefined;
  }

  private firstAtLeast(start: string): number {
    const { sorted, names } = this;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (names[sorted[middle]!]! < start) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  id(name: string): number {
    const ids = this.map();
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = this.names.push(name) - 1));
    return id;
  }

  sort(): void {
    if (this.sorted.length === this.names.length) return;
    const ids = Int32Array.from(this.names.keys());
    this.sorted = ids.sort((a, b) => (this.names[a]! < this.names[b]! ? -1 : 1));
  }

  /** Ids of the names starting with `start`. */
  *startingWith(start: string): Generator<number> {
    const { sorted, names } = this;
    for (let i = this.firstAtLeast(start); i < sorted.length && names[sorted[i]!]!.startsWith(start); i++) yield sorted[i]!;
    for (let id = sorted.length; id < names.length; id++) if (names[id]!.startsWith(start)) yield id;
  }
}
