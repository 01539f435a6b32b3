/**
 * The meeting files' stamps (inode, size, modification time), taken on a worker thread while the
 * main one reads the figure cache: at 10,000 meetings the 10,000 stats were a third of the first
 * dashboard after start (docs/performance.md, finding 16). The worker writes them into shared
 * memory and raises a flag; the main thread waits for the flag only when it needs them, and for a
 * bounded time: a worker that fails or lags leaves the stamps to be taken on the main thread, as before.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileStamp } from './figureCacheFormat';

/**
 * One file's stamp on this thread, as the worker takes them; null when there is no file, or it
 * cannot be stat'ed (EACCES, ENOTDIR): then it is not the file it was, and nothing is thrown.
 */
export function fileStamp(file: string): FileStamp | null {
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat ? [stat.ino, stat.size, stat.mtimeMs] : null;
  } catch {
    return null;
  }
}

/** The same file, unchanged: equal stamps, neither missing. */
export function sameStamp(a: readonly number[] | null, b: readonly number[] | null): boolean {
  return a !== null && b !== null && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

/** Plain JavaScript run by the worker (eval'd, so the bundle needs no second entry). */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { prefix, ids, stamps, flag, zone } = workerData;
const out = new Float64Array(stamps);
const state = new Int32Array(flag);
try {
  for (let i = 0; i < ids.length; i++) {
    let stat;
    try {
      stat = fs.statSync(prefix + ids[i] + '.json', { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    out[3 * i] = stat ? stat.ino : NaN;
    out[3 * i + 1] = stat ? stat.size : NaN;
    out[3 * i + 2] = stat ? stat.mtimeMs : NaN;
  }
  Atomics.store(state, 0, 1);
} catch {
  Atomics.store(state, 0, 2);
}
Atomics.notify(state, 0);
// After the stamps, which a first search waits for: the thread's first Intl call costs 15-45 ms.
const name = Buffer.from(Intl.DateTimeFormat().resolvedOptions().timeZone);
if (name.length < zone.byteLength) {
  Buffer.from(zone).set(name);
  Atomics.store(state, 1, name.length);
}
`;

/** ES2024's Atomics.waitAsync (in Node since 16), not in this project's ES2023 lib. */
interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number, ms: number): { async: boolean; value: unknown };
}

/** Room for the time zone's name (IANA names are under 40 bytes); a longer one is left to the main thread. */
const ZONE_BYTES = 256;

const RUNNING = 0;
const DONE = 1;

export class StampsInWorker {
  private readonly stamps: Float64Array;
  private readonly flag: Int32Array;
  private readonly zoneBytes: SharedArrayBuffer;

  /** Starts taking the stamps of `<prefix><id>.json` for each of `ids`; `generation` is the kernel's then. */
  constructor(
    prefix: string,
    readonly ids: readonly string[],
    readonly generation: number,
  ) {
    const stamps = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * 3 * ids.length);
    const flag = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT); // the state, the zone's length
    this.stamps = new Float64Array(stamps);
    this.flag = new Int32Array(flag);
    this.zoneBytes = new SharedArrayBuffer(ZONE_BYTES);
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { prefix, ids, stamps, flag, zone: this.zoneBytes } });
      worker.unref(); // never holds a closing process open
      worker.on('error', () => {
        Atomics.store(this.flag, 0, 2);
        Atomics.notify(this.flag, 0); // a background check waiting in settled() goes on at once
      });
    } catch {
      Atomics.store(this.flag, 0, 2); // no worker: the stamps are taken on the main thread
    }
  }

  /**
   * Resolves once the worker is done or failed, or after `ms`, without holding the main thread: the
   * background check waits here, so the loop serves requests (and other warm-up work) meanwhile.
   */
  async settled(ms: number): Promise<void> {
    if (Atomics.load(this.flag, 0) !== RUNNING) return;
    const waiting = (Atomics as unknown as AtomicsWaitAsync).waitAsync(this.flag, 0, RUNNING, ms);
    if (waiting.async) await waiting.value;
  }

  /**
   * Waits at most `ms` for the worker; then `stampOf` gives each id's stamp (null: no such file),
   * or the result is null when the worker failed or is still running.
   */
  take(ms: number): ((index: number) => FileStamp | null) | null {
    if (Atomics.load(this.flag, 0) === RUNNING) Atomics.wait(this.flag, 0, RUNNING, ms);
    if (Atomics.load(this.flag, 0) !== DONE) return null;
    const stamps = this.stamps;
    return (i) => (Number.isNaN(stamps[3 * i]!) ? null : [stamps[3 * i]!, stamps[3 * i + 1]!, stamps[3 * i + 2]!]);
  }

  /**
   * The time zone the worker found (Intl's, as figureCache.ts's localZone()), found after the
   * stamps; null when it is not known (yet). Taken there because the first Intl.DateTimeFormat of a
   * process costs 12-30 ms, on the first dashboard's path when the main thread pays it.
   */
  zone(): string | null {
    const length = Atomics.load(this.flag, 1);
    return Atomics.load(this.flag, 0) === DONE && length > 0 ? Buffer.from(this.zoneBytes, 0, length).toString('utf8') : null;
  }
}
