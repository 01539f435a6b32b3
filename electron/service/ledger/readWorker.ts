/**
 * The ledger file read on a worker thread from the moment the service opens (docs/performance.md,
 * findings 19 and 21): its header and arrays, and its checksum over every byte (the postings and
 * the pool's bytes included, which stay in the file), while the main thread serves the first list.
 * The arrays come back transferred (no copy); the main thread then only parses them (snapshot.ts).
 * A worker that fails or lags leaves the file to be read and summed on the main thread, as before.
 */
import fs from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/**
 * Plain JavaScript run by the worker (eval'd, so the bundle needs no second entry). It reads
 * through the main thread's descriptor (one a worker opens is closed when it exits) and never
 * closes it. `magic`, `head`, `sumAt` and `tail` (the pattern of the header's last sections) come
 * from snapshot.ts, which reads a file the same way when no worker did (its `readRaw`).
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { crc32 } = require('node:zlib');
const { fd, port, flag, magic, head, sumAt, tail } = workerData;
const state = new Int32Array(flag);
const pad = (n) => (8 - (n % 8)) % 8;
/** What the file says refuses it: the main thread would find the same, so it does not read it again. */
class Refused extends Error {}
try {
  if (workerData.failForTest) throw new Error('failing as asked');
  const size = fs.fstatSync(fd).size;
  const read = (into, at) => fs.readSync(fd, into, 0, into.byteLength, at) === into.byteLength;
  const start = Buffer.alloc(head);
  if (!read(start, 0) || start.toString('latin1', 0, magic.length) !== magic) throw new Refused('not a ledger');
  const headerEnd = head + start.readUInt32LE(8);
  if (headerEnd > size) throw new Refused('short');
  const header = new Uint8Array(headerEnd - head);
  if (!read(header, head)) throw new Refused('short');
  const text = Buffer.from(header.buffer).toString('latin1', Math.max(0, header.length - 160));
  const match = new RegExp(tail).exec(text);
  if (!match) throw new Refused('not the sections this version writes');
  const left = [Number(match[1]) * 4, Number(match[2]) * 4, Number(match[3])].reduce((sum, n) => sum + n + pad(n), 0);
  const bodyStart = headerEnd + pad(headerEnd);
  const length = size - bodyStart - left;
  if (length < 0) throw new Refused('short');
  const body = new Uint8Array(length);
  if (!read(body, bodyStart)) throw new Refused('short');
  let sum = crc32(body, crc32(new Uint8Array(bodyStart - headerEnd), crc32(header)));
  // What stays in the file (postings, the pool's bytes) is summed too, a megabyte at a time.
  const chunk = new Uint8Array(1 << 20);
  for (let at = bodyStart + length; at < size; ) {
    const n = Math.min(chunk.length, size - at);
    const piece = chunk.subarray(0, n);
    if (!read(piece, at)) throw new Refused('short');
    sum = crc32(piece, sum);
    at += n;
  }
  if (sum !== start.readUInt32LE(sumAt)) throw new Refused('damaged');
  // The first Intl.DateTimeFormat of a thread costs 15-45 ms: here, not on the first search's path.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  port.postMessage({ header, bodyStart, body, size, zone }, [header.buffer, body.buffer]);
  Atomics.store(state, 0, 1);
} catch (error) {
  Atomics.store(state, 0, error instanceof Refused ? 3 : 2);
}
Atomics.notify(state, 0);
`;

/** The file's bytes as read, their checksum found right, before they are parsed (snapshot.ts `readAhead`, `readRaw`). */
export interface RawLedger {
  fd: number;
  header: Buffer;
  /** Where the arrays start in the file, and every array but the three left in it (postings, the pool's bytes). */
  bodyStart: number;
  body: Uint8Array;
  size: number;
  /** The process's time zone as the worker found it (timeZone.ts), when a worker read the file. */
  zone?: string;
}

const RUNNING = 0;
/** The worker read the file and found it not whole, not this version's, or its sum wrong. */
const REFUSED = 3;

/** What the worker posts: a RawLedger before the main thread adds its descriptor and wraps the header. */
type Read = Omit<RawLedger, 'fd' | 'header'> & { header: Uint8Array; zone: string };

export interface ReadAheadOptions {
  magic: string;
  head: number;
  /** Where the head holds the CRC-32 of every byte after it. */
  sumAt: number;
  tail: RegExp;
  /** Tests only: the worker fails before it opens the file. */
  failForTest?: boolean;
}

export class LedgerReadAhead {
  private readonly flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly port: MessagePort;
  private taken = false;
  private worker: Worker | null = null;

  /** `fd`: the file, open; from then on this closes it, unless `take` hands it over. */
  constructor(
    private readonly fd: number,
    options: ReadAheadOptions,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.unref(); // never holds a closing process open
    const { magic, head, sumAt, tail, failForTest } = options;
    try {
      const workerData = { fd, port: port2, flag: this.flag.buffer, magic, head, sumAt, tail: tail.source, failForTest };
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData, transferList: [port2] });
      this.worker.unref();
      this.worker.on('error', () => this.finish(2));
    } catch {
      this.finish(2); // no worker: the file is read on the main thread
    }
  }

  private finish(state: number): void {
    Atomics.store(this.flag, 0, state);
    Atomics.notify(this.flag, 0);
  }

  /** True when the worker found the file unusable: reading it again on the main thread would find the same. */
  get refused(): boolean {
    return Atomics.load(this.flag, 0) === REFUSED;
  }

  /** True once the worker has read the file or given up. */
  get settled(): boolean {
    return Atomics.load(this.flag, 0) !== RUNNING;
  }

  /**
   * What the worker read, waiting for it at most `ms`; null when it failed or still runs (the
   * descriptor is then closed, once the worker is gone). Once: a second call gives null.
   */
  take(ms: number): RawLedger | null {
    if (this.taken) return null;
    this.taken = true;
    if (!this.settled) Atomics.wait(this.flag, 0, RUNNING, ms);
    const read = receiveMessageOnPort(this.port)?.message as Read | undefined;
    this.port.close();
    if (!read) {
      const close = () => fs.close(this.fd, () => undefined);
      if (this.settled || !this.worker) close();
      else this.worker.once('exit', close); // never while it may still read through it
      return null;
    }
    const { header, bodyStart, body, size, zone } = read;
    return { fd: this.fd, header: Buffer.from(header.buffer, header.byteOffset, header.byteLength), bodyStart, body, size, zone };
  }

  /** Lets go of what the worker read, unused (the kernel closes before it needed the ledger). */
  discard(): void {
    const raw = this.take(0);
    if (raw) fs.closeSync(raw.fd);
  }
}
