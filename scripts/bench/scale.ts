import fs from 'node:fs';
import path from 'node:path';
import { launchBrowserMode } from './browserMode';
import { cachedLibrary } from './generate';
import { reportEveryMeeting } from './reportAll';
import { benchScaleSearch } from './scaleSearch';
import { residentMb } from './start';
import { info, median, verdict, type BenchRow } from './table';

/** Launch to the first library.get answered, in ms, with the running app. */
async function timedLaunch(dataDir: string) {
  const began = performance.now();
  const app = await launchBrowserMode(dataDir);
  await app.call('library.get', {});
  return { ms: performance.now() - began, app };
}

/**
 * Issue 20 at 10,000 meetings (the library's limit): start to the first meeting list against the
 * empty library's, in alternating rounds; then a session that opens the dashboard once and closes
 * (as a user's earlier session would; it leaves the figure cache, docs/performance.md finding 14),
 * and in a new browser-mode process the dashboard, a Markdown report of every meeting made as the
 * Reports screen makes it (shared/export/reportRun.ts: reports.meetings in batches, built as they
 * come), a ledger search, and the resident memory after them. The library is generated once per
 * run (scripts/bench/generate.ts) and copied.
 */
export async function benchScale(work: string, { quick }: { quick: boolean }): Promise<BenchRow[]> {
  const big = quick ? 50 : 10_000;
  const rounds = quick ? 1 : 5;
  const emptyDir = path.join(work, 'empty');
  const bigDir = path.join(work, 'big');
  fs.mkdirSync(emptyDir, { recursive: true });
  const generated = performance.now();
  cachedLibrary(path.join(path.dirname(work), 'library-cache'), bigDir, { meetings: big });
  const generateMs = performance.now() - generated;

  for (const dir of [emptyDir, bigDir]) await (await timedLaunch(dir)).app.stop(); // untimed: code cache, disk cache
  const empty: number[] = [];
  const loaded: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [dir, into] of [
      [emptyDir, empty],
      [bigDir, loaded],
    ] as const) {
      const { ms, app } = await timedLaunch(dir);
      into.push(ms);
      await app.stop();
    }
  }
  empty.sort((a, b) => a - b);
  loaded.sort((a, b) => a - b);
  const ratio = median(loaded) / median(empty);

  // The session before: its first dashboard computes every meeting's figures; closing keeps them.
  const before = await timedLaunch(bigDir);
  const coldBegan = performance.now();
  await before.app.call('dashboard.get', {});
  const coldMs = performance.now() - coldBegan;
  await before.app.call('ledger.search', { limit: 1 }); // it searched too: closing leaves the ledger's file (scaleSearch.ts)
  await before.app.stop();

  const { app } = await timedLaunch(bigDir);
  try {
    const began = performance.now();
    await app.call('dashboard.get', {});
    const dashboardMs = performance.now() - began;
    const again = performance.now();
    await app.call('dashboard.get', {});
    const dashboardAgainMs = performance.now() - again;
    const afterDashboard = residentMb(app.pid);

    const report = await reportEveryMeeting(app);
    await app.call('ledger.search', { text: 'pricing' });
    const resident = residentMb(app.pid);
    await app.stop(); // the ledger's figures start sessions of their own (scaleSearch.ts)
    const ledger = await benchScaleSearch(bigDir, { quick, meetings: big });
    return [
      info(`generate ${big} meetings (${big * 20} decisions) directly, once per run`, `${(generateMs / 1000).toFixed(1)} s`),
      info(
        'start browser mode to first meeting list, empty library',
        `median ${median(empty).toFixed(0)} ms, range ${empty[0]!.toFixed(0)}-${empty.at(-1)!.toFixed(0)} ms (${rounds} launches)`,
      ),
      {
        figure: 'start to first meeting list, empty library (median)',
        value: `${median(empty).toFixed(0)} ms`,
        budget: '<= 300 ms',
        verdict: verdict(quick, median(empty) <= 300),
      },
      info(
        `start browser mode to first meeting list, ${big} meetings`,
        `median ${median(loaded).toFixed(0)} ms, range ${loaded[0]!.toFixed(0)}-${loaded.at(-1)!.toFixed(0)} ms (${rounds} launches)`,
      ),
      {
        figure: `ratio ${big} meetings / empty (medians)`,
        value: `${ratio.toFixed(2)}x`,
        budget: '<= 2x',
        verdict: verdict(quick, ratio <= 2),
      },
      info(`dashboard, ${big} meetings, first call ever (no figure cache yet; the session before)`, `${coldMs.toFixed(0)} ms`),
      {
        figure: `dashboard, ${big} meetings, first call after start`,
        value: `${dashboardMs.toFixed(0)} ms (again: ${dashboardAgainMs.toFixed(0)} ms)`,
        budget: '<= 300 ms',
        verdict: verdict(quick, dashboardMs <= 300),
      },
      {
        figure: `Markdown report of ${big} meetings (read in batches, built as they come, ${report.progressCalls} progress calls)`,
        value: `${(report.ms / 1000).toFixed(1)} s (${(report.characters / 1e6).toFixed(1)} M characters)`,
        budget: '<= 10 s',
        verdict: verdict(quick, report.ms <= 10_000 && report.progressCalls > 1),
      },
      info(`resident memory, browser mode, ${big} meetings, after the dashboard`, `${afterDashboard.toFixed(0)} MB`),
      {
        figure: `resident memory, browser mode, ${big} meetings, after the dashboard, the report and a search`,
        value: `${resident.toFixed(0)} MB`,
        budget: '<= 250 MB',
        verdict: verdict(quick, resident <= 250),
      },
      ...ledger,
    ];
  } finally {
    await app.stop();
  }
}
