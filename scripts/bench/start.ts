import fs from 'node:fs';
import path from 'node:path';
import type { MeetingSummary } from '../../shared/domain';
import { launchBrowserMode } from './browserMode';
import { generateLibrary } from './generate';
import { info, median, verdict, type BenchRow } from './table';

interface Started {
  /** Launch to the first meeting list served, in ms. */
  ms: number;
  origin: string;
  token: string;
  pid: number;
  stop(): Promise<void>;
}

/** Launches browser mode as a user would (npm run web) and times it to the first library.get. */
export async function launch(dataDir: string): Promise<Started> {
  const began = performance.now();
  const app = await launchBrowserMode(dataDir);
  await app.call<unknown>('library.get', {});
  const ms = performance.now() - began;
  return { ms, origin: app.origin, token: app.token, pid: app.pid, stop: app.stop };
}

export function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/**
 * Start: browser mode launched as `npm run web` launches it (the server built ahead, run.ts builds
 * it before any group), to the first library.get answered, for an empty library and a big one, in
 * alternating rounds so the ratio compares like with like.
 */
export async function benchStart(work: string, { quick }: { quick: boolean }): Promise<BenchRow[]> {
  const big = quick ? 20 : 1000;
  const rounds = quick ? 1 : 7;
  const emptyDir = path.join(work, 'start-empty');
  const bigDir = path.join(work, 'start-big');
  fs.mkdirSync(emptyDir, { recursive: true });
  generateLibrary(bigDir, { meetings: big });

  // One untimed launch of each first: the first start after a build writes the server's code cache
  // and meets a cold disk cache, which is not what a user's second start of the day costs.
  for (const dir of [emptyDir, bigDir]) await (await launch(dir)).stop();
  const empty: number[] = [];
  const loaded: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [dir, into] of [
      [emptyDir, empty],
      [bigDir, loaded],
    ] as const) {
      const started = await launch(dir);
      into.push(started.ms);
      await started.stop();
    }
  }
  empty.sort((a, b) => a - b);
  loaded.sort((a, b) => a - b);
  const ratio = median(loaded) / median(empty);
  return [
    info('start browser mode to first meeting list, empty library', `median ${median(empty).toFixed(0)} ms (${rounds} launches)`),
    {
      figure: 'start to first meeting list, empty library (median; issue #20)',
      value: `${median(empty).toFixed(0)} ms`,
      budget: '<= 300 ms',
      verdict: verdict(quick, median(empty) <= 300),
    },
    info(`start browser mode to first meeting list, ${big} meetings`, `median ${median(loaded).toFixed(0)} ms (${rounds} launches)`),
    {
      figure: `ratio ${big} meetings / empty (medians)`,
      value: `${ratio.toFixed(2)}x`,
      budget: '<= 2x',
      verdict: verdict(quick, ratio <= 2),
    },
  ];
}

/**
 * Memory: resident size of the browser-mode process after every meeting of a big library was read
 * through the API (as a user opening each one would), next to the same process with the library
 * just listed. No budget: the issue asks for the figure.
 */
export async function benchMemory(work: string, { quick }: { quick: boolean }): Promise<BenchRow[]> {
  const big = quick ? 20 : 1000;
  const dir = path.join(work, 'memory');
  generateLibrary(dir, { meetings: big });
  const started = await launch(dir);
  try {
    const call = async (method: string, input: unknown) => {
      const response = await fetch(`${started.origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${started.token}` },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as { ok: boolean; value: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
      return body.value;
    };
    const listed = residentMb(started.pid);
    const meetings = ((await call('library.get', {})) as { meetings: MeetingSummary[] }).meetings;
    if (meetings.length !== big) throw new Error(`library.get listed ${meetings.length} meetings, expected ${big}.`);
    for (const meeting of meetings) await call('meetings.get', { id: meeting.id });
    const loaded = residentMb(started.pid);
    return [
      info(`resident memory, browser mode, ${big} meetings listed`, `${listed.toFixed(0)} MB`),
      info(`resident memory, browser mode, ${big} meetings loaded (each read once)`, `${loaded.toFixed(0)} MB`),
    ];
  } finally {
    await started.stop();
  }
}
