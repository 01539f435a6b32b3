/**
 * The main thread's side of the ledger's build on a worker (ledger/build.ts): starts the worker
 * from the bundle's own entry (electron/ledgerBuildWorker.ts, built beside the main bundle), lets
 * the warm-up wait for it without blocking, and lets a search wait for it, blocking, for a bounded
 * time (a search's handler is synchronous; it would otherwise build the ledger itself meanwhile).
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { BUILDING, BUILT, FAILED, type LedgerBuildJob } from './build';

/**
 * Loads the entry (one CommonJS file: require reads it from the app's archive too), and raises the
 * flag as failed should it throw (a search waiting on the flag, blocked, would not see the exit).
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
try {
  require(workerData.entry);
} catch (error) {
  const state = new Int32Array(workerData.state);
  Atomics.compareExchange(state, 0, ${BUILDING}, ${FAILED});
  Atomics.notify(state, 0);
  throw error;
}
`;

export class LedgerBuildAhead {
  private readonly state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;
  /** Resolves once the worker has exited (built, failed or terminated). */
  readonly exited: Promise<void>;
  /** What the worker threw, once its error event came (a search blocked on the flag comes before it). */
  failure: string | null = null;

  private constructor(workerFile: string, job: Omit<LedgerBuildJob, 'state'>) {
    const workerData: LedgerBuildJob & { entry: string } = { ...job, state: this.state.buffer, entry: workerFile };
    this.worker = new Worker(BOOTSTRAP, { eval: true, workerData });
    this.worker.unref(); // never holds a closing process open
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        Atomics.compareExchange(this.state, 0, BUILDING, FAILED); // it died before raising the flag
        resolve();
      }),
    );
    this.worker.on('error', (error) => (this.failure = error.message)); // the flag says it failed: `wait` is false
  }

  /** The build started on a worker; null when there is no worker file (the CLI, most tests) or no worker could start. */
  static start(workerFile: string | null, job: Omit<LedgerBuildJob, 'state'>): LedgerBuildAhead | null {
    if (!workerFile) return null;
    if (!fs.existsSync(workerFile)) {
      console.error(`Empty Chair: the ledger's worker entry ${workerFile} is missing; the ledger is built on the main thread.`);
      return null;
    }
    try {
      return new LedgerBuildAhead(workerFile, job);
    } catch {
      return null;
    }
  }

  get settled(): boolean {
    return Atomics.load(this.state, 0) !== BUILDING;
  }

  /** Waits at most `ms` (blocking this thread); true once the file is written whole. */
  wait(ms: number): boolean {
    if (!this.settled) Atomics.wait(this.state, 0, BUILDING, ms);
    return Atomics.load(this.state, 0) === BUILT;
  }

  /** Stops it (a close, a restore, a build that lags): a file it was writing is never renamed into place half-written. */
  discard(): void {
    void this.worker.terminate();
  }
}
