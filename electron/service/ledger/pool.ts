/**
 * The ledger's storage in columns (issue 20, docs/performance.md finding 16): typed arrays grown by
 * doubling, strings as UTF-8 bytes in one pool, and values that recur (owners, dates, tag lists)
 * held once in a table and named by number. At 200,000 decisions an object per decision, a string
 * per id and text, and an array per posting list cost about 1.3 KB per decision; this costs ~150 bytes.
 */

import fs from 'node:fs';

export type Typed = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array;

/** `array`, or a copy at least `length` long (doubling, so appending n values copies O(n) in all). */
export function ensure<T extends Typed>(array: T, length: number): T {
  if (length <= array.length) return array;
  const next = new (array.constructor as new (size: number) => T)(Math.max(length, array.length * 2, 64));
  next.set(array);
  return next;
}

/** `array` cut to `length` (a copy), or itself when it is no longer: a view over a snapshot is not copied. */
export function fit<T extends Typed>(array: T, length: number): T {
  return array.length > length ? (array.slice(0, length) as T) : array;
}

const encoder = new TextEncoder();
/**
 * A file descriptor several owners read (the pool and the text index, from the ledger's file):
 * closed when the last lets go, or is dropped unreleased (garbage collected).
 */
export class SharedFile {
  private users = 0;
  constructor(readonly fd: number) {}

  use(owner: object): void {
    this.users++;
    dropped.register(owner, this, owner);
  }

  release(owner: object): void {
    if (dropped.unregister(owner)) this.drop();
  }

  drop(): void {
    if (--this.users === 0) fs.close(this.fd, () => undefined);
  }
}
const dropped = new FinalizationRegistry<SharedFile>((file) => file.drop());

/** A pool's strings that stay in the snapshot file they came from: read when asked for (ledger/snapshot.ts). */
export interface PoolFile {
  shared: SharedFile;
  fd: number;
  /** Where the pool's bytes start in the file, and how many handles and bytes are there. */
  offset: number;
  handles: number;
  bytes: number;
}

/**
 * Strings as UTF-8 bytes in one growing array, each named by a handle (its start and length in
 * two columns): no string object, header or pointer per decision, and a snapshot writes the bytes
 * as they are. The strings of a ledger read back from its file stay in the file (`file`: handles
 * below `file.handles`), read a page at a time: the texts of 200,000 decisions are not held for the
 * few a page shows. Append only; the ledger makes a new pool when it compacts its rows.
 */
export class StringPool {
  bytes = new Uint8Array(1024);
  used = 0;
  starts = new Int32Array(64);
  lengths = new Int32Array(64);
  count = 0;
  file: PoolFile | null = null;
  private view = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length);

  add(text: string): number {
    this.bytes = ensure(this.bytes, this.used + text.length * 3);
    const { written } = encoder.encodeInto(text, this.bytes.subarray(this.used));
    return this.push(this.used, written);
  }

  /** Adds a string of another pool, given as its `flat()` and `lengths` (compaction): no decoding. */
  copy(from: { bytes: Uint8Array; starts: Int32Array; lengths: Int32Array }, handle: number): number {
    const start = from.starts[handle]!;
    const length = from.lengths[handle]!;
    this.bytes = ensure(this.bytes, this.used + length);
    this.bytes.set(from.bytes.subarray(start, start + length), this.used);
    return this.push(this.used, length);
  }

  private push(start: number, length: number): number {
    this.used = start + length;
    this.starts = ensure(this.starts, this.count + 1);
    this.lengths = ensure(this.lengths, this.count + 1);
    this.starts[this.count] = start;
    this.lengths[this.count] = length;
    return this.count++;
  }

  /** A string's bytes, from memory or its file. */
  private raw(handle: number): Uint8Array {
    const start = this.starts[handle]!;
    const length = this.lengths[handle]!;
    if (this.file && handle < this.file.handles) {
      const bytes = Buffer.allocUnsafe(length);
      fs.readSync(this.file.fd, bytes, 0, length, this.file.offset + start);
      return bytes;
    }
    return this.bytes.subarray(start, start + length);
  }

  get(handle: number): string {
    if (this.file && handle < this.file.handles) return (this.raw(handle) as Buffer).toString('utf8');
    if (this.view.buffer !== this.bytes.buffer) this.view = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length);
    const start = this.starts[handle]!;
    return this.view.toString('utf8', start, start + this.lengths[handle]!);
  }

  /** Arrays cut to their contents. */
  trim(): void {
    this.bytes = fit(this.bytes, this.used);
    this.starts = fit(this.starts, this.count);
    this.lengths = fit(this.lengths, this.count);
  }

  /** Several strings; those in the file near each other (a row's) in one read rather than one each. */
  getMany(handles: number[]): string[] {
    const file = this.file;
    if (!file || handles.some((handle) => handle >= file.handles)) return handles.map((handle) => this.get(handle));
    const from = Math.min(...handles.map((handle) => this.starts[handle]!));
    const to = Math.max(...handles.map((handle) => this.starts[handle]! + this.lengths[handle]!));
    if (to - from > 16_384) return handles.map((handle) => this.get(handle));
    const bytes = Buffer.allocUnsafe(to - from);
    fs.readSync(file.fd, bytes, 0, bytes.length, file.offset + from);
    return handles.map((handle) =>
      bytes.toString('utf8', this.starts[handle]! - from, this.starts[handle]! - from + this.lengths[handle]!),
    );
  }

  /** Every string's bytes in one array, and their starts in it (what a snapshot writes). */
  flat(): { bytes: Uint8Array; starts: Int32Array } {
    if (!this.file) return { bytes: this.bytes.subarray(0, this.used), starts: this.starts.subarray(0, this.count) };
    const inFile = Buffer.alloc(this.file.bytes);
    fs.readSync(this.file.fd, inFile, 0, inFile.length, this.file.offset);
    const bytes = new Uint8Array(inFile.length + this.used);
    bytes.set(inFile);
    bytes.set(this.bytes.subarray(0, this.used), inFile.length);
    const starts = this.starts.slice(0, this.count);
    for (let handle = this.file.handles; handle < this.count; handle++) starts[handle]! += inFile.length;
    return { bytes, starts };
  }

  /** Reads its first `handles` strings from the file from now on (ledger/snapshot.ts); the pool closes it when dropped. */
  attach(file: PoolFile): void {
    this.file = file;
    file.shared.use(this);
  }

  /** Lets go of the file: the pool was replaced by another (compaction, clear, a restore). */
  close(): void {
    if (!this.file) return;
    this.file.shared.release(this);
    this.file = null;
  }
}

/** Distinct values by key, each once, named by its number in `values` (0, 1, … in order of arrival). */
export class Interner<T> {
  private readonly ids = new Map<string, number>();
  constructor(readonly values: T[] = []) {
    values.forEach((value, id) => this.ids.set(JSON.stringify(value), id));
  }

  id(value: T): number {
    const key = JSON.stringify(value);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.push(value) - 1;
      this.ids.set(key, id);
    }
    return id;
  }

  get size(): number {
    return this.values.length;
  }
}

/**
 * A test on table entries asked per row, answered once per entry (tag lists, owners…): a query
 * over 200,000 rows asks about a few dozen distinct values.
 */
export function memo(size: number, test: (id: number) => boolean): (id: number) => boolean {
  const known = new Int8Array(size); // 0 not asked, 1 yes, 2 no
  return (id) => {
    const seen = known[id];
    if (seen) return seen === 1;
    const yes = test(id);
    known[id] = yes ? 1 : 2;
    return yes;
  };
}
