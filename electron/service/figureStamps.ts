/**
 * The meeting files' stamps (inode, size, modification time), taken on a worker thread while the
 * main one reads the figure cache: at 10,000 meetings the 10,000 stats were a third of the first
 * dashboard after start (docs/performance.md, finding 16). The worker writes them into shared
 * memory and raises a flag; the main thread waits for the flag only when it needs them, and for a
 * bounded time: a worker that fails or lags leaves the stamps to be taken on the main thread, as before.
 */
import fs from 'node:fs';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
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

/**
 * Fewer meeting files are stat'ed on the main thread (a few ms): a worker's own start costs 50-130 ms
 * of CPU, taken from the main thread on a 2-core machine (docs/performance.md, finding 24).
 */
export const STAMPS_IN_WORKER_FROM = 200;

/** The same file, unchanged: equal stamps, neither missing. */
export function sameStamp(a: readonly number[] | null, b: readonly number[] | null): boolean {
  return a !== null && b !== null && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

/** Flag 2: the ids are still to come (an early start), were handed over, or never will be. */
const IDS_PENDING = 0;
const IDS_GIVEN = 1;
const IDS_DROPPED = 2;
/** How long an early worker waits for its ids before it gives up (the open takes well under this). */
const IDS_WAIT_MS = 60_000;

/**
 * Plain JavaScript run by the worker (eval'd, so the bundle needs no second entry). Started early
 * (no ids yet), it waits for `begin` to hand them over: flag 2 raised, the ids on its port.
 */
const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const fs = require('node:fs');
const { prefix, flag, zone, port } = workerData;
const state = new Int32Array(flag);
let { ids, stamps } = workerData;
if (!ids) {
  Atomics.wait(state, 2, ${IDS_PENDING}, ${IDS_WAIT_MS});
  const given = Atomics.load(state, 2) === ${IDS_GIVEN} && receiveMessageOnPort(port);
  ({ ids, stamps } = given ? given.message : { ids: null, stamps: null });
}
try {
  if (!ids) throw new Error('no ids: the open failed, or took too long');
  const out = new Float64Array(stamps);
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
  private stamps: Float64Array<SharedArrayBuffer> = new Float64Array(new SharedArrayBuffer(0));
  private readonly flag: Int32Array;
  private readonly zoneBytes: SharedArrayBuffer;
  private readonly port: MessagePort | null = null;
  /** The ids given at once or by `begin`; null until then (or when the open failed). */
  private givenIds: readonly string[] | null;
  /** True once an early worker was given its ids (or told there are none). */
  private begun = false;

  /**
   * Starts taking the stamps of `<prefix><id>.json` for each of `ids`; `generation` is the kernel's
   * then. Without ids (`early`), the worker starts now and waits for `begin` to give them.
   */
  constructor(
    prefix: string,
    ids: readonly string[] | null,
    readonly generation: number,
  ) {
    this.givenIds = ids;
    const flag = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT); // the state, the zone's length, the ids' state
    this.flag = new Int32Array(flag);
    this.zoneBytes = new SharedArrayBuffer(ZONE_BYTES);
    let channel: MessageChannel | null = null;
    if (ids) this.stamps = new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * 3 * ids.length));
    else {
      channel = new MessageChannel();
      this.port = channel.port1;
      this.port.unref();
    }
    try {
      const workerData = { prefix, ids, stamps: this.stamps.buffer, flag, zone: this.zoneBytes, port: channel?.port2 };
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData, transferList: channel ? [channel.port2] : [] });
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
   * A worker started before the library's open (its start, 20-40 ms, overlaps the open), for the
   * ids `begin` gives it once the open has folded every journal (a stamp before that proves nothing).
   */
  static early(prefix: string, generation: number): StampsInWorker {
    return new StampsInWorker(prefix, null, generation);
  }

  /** The meetings whose stamps it takes (given at once, or by `begin`). */
  get ids(): readonly string[] {
    return this.givenIds ?? [];
  }

  /** Gives an early worker its ids; `null`: the open failed, and it stops. */
  begin(ids: readonly string[] | null): void {
    if (!this.port || this.begun) return;
    this.begun = true;
    this.givenIds = ids;
    if (ids) {
      this.stamps = new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * 3 * ids.length));
      this.port.postMessage({ ids, stamps: this.stamps.buffer });
    }
    this.port.close();
    Atomics.store(this.flag, 2, ids ? IDS_GIVEN : IDS_DROPPED);
    Atomics.notify(this.flag, 2);
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
