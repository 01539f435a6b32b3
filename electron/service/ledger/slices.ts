/**
 * Background work in short slices of the event loop: a request arriving meanwhile (the first list,
 * the dashboard) waits for one slice, not for the whole job (docs/performance.md, finding 16).
 */

/** How long one slice holds the event loop. */
export const SLICE_MS = 4;

export interface SlicedJob<T> {
  items: readonly T[];
  /** Runs before each slice (cheap when it has nothing to do). */
  beforeSlice?: () => void;
  each: (item: T) => void;
  /** While this gives a promise (other work doing the job: a worker building the ledger), the job waits for it. */
  pauseWhile?: () => Promise<void> | null;
  /** True when the items left need no work (the ledger's file held them all): straight to `done`. */
  nothingLeft?: () => boolean;
  /** True when the work is done some other way (a search caught up): the job stops. */
  finished: () => boolean;
  /** After the last item. */
  done: () => void;
  /** The job waits for this, polling, at most `waitAtMostMs`. */
  startWhen?: () => boolean;
  waitAtMostMs?: number;
}

export function runInSlices<T>(job: SlicedJob<T>): Promise<void> {
  return new Promise<void>((resolve) => {
    // Unref'd so it never holds a closing process open. A timer, not setImmediate: an unref'd
    // immediate does not wake the event loop, so each batch waited for some other request or timer
    // (1,000 meetings took 19 s in the benchmark instead of under one; tests/unit/warmUp.test.ts).
    const next = () => setTimeout(step, 0).unref();
    let at = 0;
    const step = () => {
      if (job.finished()) return resolve();
      job.beforeSlice?.();
      const pause = job.pauseWhile?.();
      if (pause) return void pause.then(next);
      if (job.nothingLeft?.()) at = job.items.length;
      const until = performance.now() + SLICE_MS;
      while (at < job.items.length) {
        job.each(job.items[at++]!);
        if (performance.now() >= until) break;
      }
      if (at < job.items.length) return next();
      job.done();
      resolve();
    };
    const began = Date.now();
    const waitAtMost = job.waitAtMostMs ?? 0;
    const first = () => (!job.startWhen || job.startWhen() || Date.now() - began > waitAtMost ? step() : setTimeout(first, 5).unref());
    setTimeout(first, 0).unref();
  });
}
