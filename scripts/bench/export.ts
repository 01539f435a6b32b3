/**
 * Export to Markdown, judged end to end as the user runs it: `npm run export -- --data-dir DIR
 * (--meeting ID | --all) --format md --out FILE` (electron/cli/exportCommand.ts, called in-process so
 * node's start-up is not counted): open the data folder, read the meetings, summarise, render, write
 * the file. The in-memory part (what the app's Export button costs for a meeting it already holds)
 * is shown beside it for reference.
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import type { Library, Meeting } from '../../shared/domain';
import { meetingToMarkdown } from '../../shared/export/markdown';
import { buildReportSync } from '../../shared/export/report';
import { summarizeImpact } from '../../shared/summary/summary';
import { exportCommand } from '../../electron/cli/exportCommand';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import { generateLibrary } from './generate';
import { info, median, ms, verdict, type BenchRow } from './table';

function time(runs: number, work: () => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

async function timeAsync(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export async function benchExport(work: string, { quick }: { quick: boolean }): Promise<BenchRow[]> {
  const count = quick ? 20 : 1000;
  const dir = path.join(work, 'export');
  const made = generateLibrary(dir, { meetings: count });
  const one = made[Math.floor(count / 2)]!;
  const out = path.join(work, 'export.md');

  const run = async (args: string[]) => {
    let errors = '';
    const code = await exportCommand(['--data-dir', dir, ...args, '--format', 'md', '--out', out], {
      stdout: () => {},
      stderr: (text) => (errors += text),
    });
    if (code !== 0) throw new Error(`export ${args.join(' ')} failed (${code}): ${errors}`);
  };
  // Warm-up (JIT, disk cache), untimed.
  await run(['--meeting', one.id]);
  await run(['--all']);
  if (!fs.readFileSync(out, 'utf8').includes(`\nmeetings: ${count}\n`))
    throw new Error('The exported report does not hold the meetings: the benchmark would measure the wrong thing.');

  const single = await timeAsync(quick ? 3 : 40, () => run(['--meeting', one.id]));
  const all = await timeAsync(quick ? 2 : 10, () => run(['--all']));

  // The in-memory part: meetings already read, as in the app.
  const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'bench', backupIntervalMs: null });
  let lib: Library;
  let meetings: Meeting[];
  try {
    lib = (dispatch(library.service, 'library.get', {}) as { value: Library }).value;
    meetings = lib.meetings.map((s) => (dispatch(library.service, 'meetings.get', { id: s.id }) as { value: Meeting }).value);
  } finally {
    library.close();
  }
  const held = meetings.find((m) => m.id === one.id)!;
  time(quick ? 5 : 50, () => meetingToMarkdown(held, summarizeImpact(held, lib), lib));
  const singleInMemory = time(quick ? 20 : 500, () => meetingToMarkdown(held, summarizeImpact(held, lib), lib));
  const allInMemory = time(quick ? 2 : 10, () => buildReportSync(meetings, lib, { format: 'md', generatedAt: '2026-01-01T00:00:00.000Z' }));

  return [
    {
      figure: `export 1 meeting to Markdown (npm run export, ${count}-meeting folder)`,
      value: ms(single),
      budget: '<= 20 ms (median)',
      verdict: verdict(quick, median(single) <= 20),
    },
    {
      figure: `export ${count} meetings to Markdown (npm run export --all)`,
      value: ms(all),
      budget: '<= 1 s (median)',
      verdict: verdict(quick, median(all) <= 1000),
    },
    info('  of which in memory: 1 meeting summarised and rendered', ms(singleInMemory)),
    info(`  of which in memory: report of ${count} meetings`, ms(allInMemory)),
  ];
}
