/**
 * The ledger file read on a worker thread from the moment the service opens (docs/performance.md,
 * finding 19): its header and arrays, and the range of the postings left in the file, while the
 * main thread serves the first list. The arrays come back transferred (no copy); the main thread
 * then only parses and checks them (snapshot.ts). A worker that fails or lags leaves the file to
 * be read on the main thread, as before: nothing it reads is trusted without those checks.
 */
import fs from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/**
 * Plain JavaScript run by the worker (eval'd, so the bundle needs no second entry). It reads
 * through the main thread's descriptor (one a worker opens is closed when it exits) and never
 * closes it. `magic`, `head` and `tail` (the pattern of the header's last sections) come from snapshot.ts.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { fd, port, flag, magic, head, tail } = workerData;
const state = new Int32Array(flag);
const pad = (n) => (8 - (n % 8)) % 8;
try {
  if (workerData.failForTest) throw new Error('failing as asked');
  const size = fs.fstatSync(fd).size;
  const read = (into, at) => fs.readSync(fd, into, 0, into.byteLength, at) === into.byteLength;
  const start = Buffer.alloc(head);
  if (!read(start, 0) || start.toString('latin1', 0, magic.length) !== magic) throw new Error('not a ledger');
  const headerEnd = head + start.readUInt32LE(8);
  if (headerEnd > size) throw new Error('short');
  const header = new Uint8Array(headerEnd - head);
  if (!read(header, head)) throw new Error('short');
  const text = Buffer.from(header.buffer).toString('latin1', Math.max(0, header.length - 160));
  const match = new RegExp(tail).exec(text);
  if (!match) throw new Error('not the sections this version writes');
  const count = Number(match[1]);
  const left = [count * 4, Number(match[2]) * 4, Number(match[3])].reduce((sum, n) => sum + n + pad(n), 0);
  const bodyStart = headerEnd + pad(headerEnd);
  const length = size - bodyStart - left;
  if (length < 0) throw new Error('short');
  const body = new Uint8Array(length);
  if (!read(body, bodyStart)) throw new Error('short');
  // The postings stay in the file: read through once here, for their range.
  const chunk = new Int32Array(256 * 1024);
  let low = 0;
  let high = -1;
  for (let done = 0; done < count; ) {
    const n = Math.min(chunk.length, count - done);
    if (!read(new Uint8Array(chunk.buffer, 0, n * 4), bodyStart + length + done * 4)) throw new Error('short');
    if (done === 0) low = high = chunk[0];
    for (let i = 0; i < n; i++) {
      const value = chunk[i];
      if (value < low) low = value;
      else if (value > high) high = value;
    }
    done += n;
  }
  port.postMessage({ header, bodyStart, body, size, postings: { count, low, high } }, [header.buffer, body.buffer]);
  Atomics.store(state, 0, 1);
} catch {
  Atomics.store(state, 0, 2);
}
Atomics.notify(state, 0);
`;

/** The file's bytes as read, before they are parsed and checked: read ahead on a worker thread (snapshot.ts `readAhead`). */
export interface RawLedger {
  fd: number;
  header: Buffer;
  /** Where the arrays start in the file, and every array but the pool's bytes (the last). */
  bodyStart: number;
  body: Uint8Array;
  size: number;
  /** The postings' lowest and highest document, when read ahead (else they are checked when parsed). */
  postings?: { count: number; low: number; high: number };
}

const RUNNING = 0;

interface Read {
  header: Uint8Array;
  bodyStart: number;
  body: Uint8Array;
  size: number;
  postings: { count: number; low: number; high: number };
}

export interface ReadAheadOptions {
  magic: string;
  head: number;
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
    const { magic, head, tail, failForTest } = options;
    try {
      const workerData = { fd, port: port2, flag: this.flag.buffer, magic, head, tail: tail.source, failForTest };
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
    const { header, bodyStart, body, size, postings } = read;
    return { fd: this.fd, header: Buffer.from(header.buffer, header.byteOffset, header.byteLength), bodyStart, body, size, postings };
  }

  /** Lets go of what the worker read, unused (the kernel closes before it needed the ledger). */
  discard(): void {
    const raw = this.take(0);
    if (raw) fs.closeSync(raw.fd);
  }
}
