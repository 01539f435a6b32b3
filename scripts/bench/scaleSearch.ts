import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import type { LedgerResult } from '../../shared/ledger';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import { LEDGER_FILE } from '../../electron/service/ledger/snapshot';
import { launchBrowserMode } from './browserMode';
import { reportEveryMeeting } from './reportAll';
import { SEARCH_QUERIES, timedSearches, typedQueries } from './search';
import { residentMb } from './start';
import { info, median, ms, quantile, verdict, type BenchRow } from './table';

const FIRST_QUERY = { text: 'pricing' };
/** Sessions that read the ledger file, as the start figures take 5 launches (scale.ts): one session is one sample of a noisy machine. */
const SESSIONS = 5;

/**
 * From the first library.get answered to the first ledger.search answered with every meeting in
 * it (`complete`), in browser mode as `npm run web` starts it. The search is asked the moment the
 * list is served; the service answers it once the ledger is whole (read back from its file, or the
 * build finished by the search itself), so the time includes whatever the build had left.
 */
async function firstSearch(dataDir: string, { thenTheRest = false } = {}) {
  const app = await launchBrowserMode(dataDir);
  try {
    await app.call('library.get', {});
    const began = performance.now();
    const result = await app.call<LedgerResult>('ledger.search', FIRST_QUERY);
    const ms = performance.now() - began;
    if (!result.complete)
      throw new Error('The first search answered before the ledger was whole: the benchmark would measure the wrong thing.');
    const resident = residentMb(app.pid);
    // Then what the memory budget's session does (scale.ts): the dashboard, a report, a search.
    let afterAll = resident;
    if (thenTheRest) {
      await app.call('dashboard.get', {});
      await reportEveryMeeting(app);
      await app.call('ledger.search', { text: 'pricing' });
      afterAll = residentMb(app.pid);
    }
    return { ms, total: result.total, resident, afterAll };
  } finally {
    await app.stop(); // writes the ledger's file on close
  }
}

/**
 * Issue 20, the ledger at 10,000 meetings / 200,000 decisions (run from scale.ts on its library,
 * after its report): the first search of a session that finds no ledger file (a first start, or
 * one after the file was found wrong), and its memory after the dashboard and a report too; then of
 * the next session, which reads the file the first left; then, in this process with the library opened from that file, the search figures of
 * search.ts (the same queries and typing) at this size.
 */
export async function benchScaleSearch(bigDir: string, { quick, meetings }: { quick: boolean; meetings: number }): Promise<BenchRow[]> {
  fs.rmSync(path.join(bigDir, 'cache', LEDGER_FILE), { force: true });
  const cold = await firstSearch(bigDir, { thenTheRest: true });
  // Each a session of its own reading the file the first left, as a user's next starts would.
  const warm: Awaited<ReturnType<typeof firstSearch>>[] = [];
  for (let i = 0; i < (quick ? 1 : SESSIONS); i++) warm.push(await firstSearch(bigDir));
  for (const session of warm)
    if (session.total !== cold.total)
      throw new Error(`The ledger read back finds ${session.total} decisions for "pricing", built ${cold.total}.`);
  const warmMs = warm.map((session) => session.ms).sort((a, b) => a - b);

  const library = openLibrary({ dataDir: bigDir, StoreClass: Conf, role: 'bench', backupIntervalMs: null });
  let times: number[];
  let typing: number[];
  let opened: number;
  try {
    const began = performance.now();
    const first = dispatch(library.service, 'ledger.search', { limit: 1 });
    opened = performance.now() - began;
    if (!first.ok || (first.value as LedgerResult).total !== meetings * 20)
      throw new Error('The ledger read back does not hold every decision.');
    times = timedSearches(library.service, quick ? 16 : 400);
    typing = typedQueries(library.service);
  } finally {
    library.close();
  }
  const decisions = meetings * 20;
  return [
    info(
      `first ledger search after the list is served, ${meetings} meetings, no ledger file (built then)`,
      // A first start (or one after a restore or a spoiled file) builds the ledger from every meeting file.
      `${cold.ms.toFixed(0)} ms (resident memory then: ${cold.resident.toFixed(0)} MB)`,
    ),
    {
      // A build's garbage once stayed with the process (finding 22): the same budget as a session reading the file.
      figure: `resident memory, browser mode, ${meetings} meetings, the session that built the ledger, after the search, the dashboard and a report`,
      value: `${cold.afterAll.toFixed(0)} MB`,
      budget: '<= 250 MB',
      verdict: verdict(quick, cold.afterAll <= 250),
    },
    {
      figure: `first ledger search after the list is served, ${meetings} meetings, ledger file of the session before (median)`,
      value:
        `${median(warmMs).toFixed(0)} ms, range ${warmMs[0]!.toFixed(0)}-${warmMs.at(-1)!.toFixed(0)} ms (${warm.length} sessions; ` +
        `resident memory then: ${warm[0]!.resident.toFixed(0)} MB)`,
      budget: '<= 100 ms',
      verdict: verdict(quick, median(warmMs) <= 100),
    },
    info('  read the ledger file, check it and search once, in one process (no HTTP)', `${opened.toFixed(0)} ms`),
    {
      figure: `ledger search over ${decisions} decisions (${SEARCH_QUERIES.length} query kinds, ${times.length} queries)`,
      value: ms(times),
      budget: 'p95 <= 20 ms',
      verdict: verdict(quick, quantile(times, 0.95) <= 20),
    },
    info(`  typing over ${decisions} decisions: each prefix of 7 phrases (${typing.length} queries)`, ms(typing)),
  ];
}
