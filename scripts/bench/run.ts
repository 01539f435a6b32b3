/**
 * npm run bench [-- --quick] [-- --only GROUP[,GROUP]] | npm run bench -- --generate DIR --meetings N
 * Prints one table of figures measured in this one run, each with its budget, verdict and the
 * command that reproduces it. Budgets are judged here, as ratios of figures taken in the same
 * process at the same moment, never in timed tests: these machines are shared and noisy.
 * --quick is the smoke run npm test makes so the suite cannot rot: every group, small sizes, no
 * verdicts, but a group that throws fails the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFlag } from '../../electron/storage/dataDir';
import { ensureRendererBuilt } from '../build-renderer.mjs';
import { ensureServerBuilt } from '../build-server.mjs';
import { benchBackup } from './backup';
import { benchEvidence } from './evidence';
import { benchExport } from './export';
import { generateLibrary } from './generate';
import { benchRenderer } from './renderer';
import { benchSave } from './save';
import { benchSearch } from './search';
import { benchParticipants } from './participants';
import { benchMemory, benchStart } from './start';
import { printTable, type BenchRow } from './table';
import { benchScale } from './scale';

type Options = { quick: boolean };
/** The six groups in its order, and the backup figure beside saving. */
const GROUPS: Record<string, (work: string, options: Options) => BenchRow[] | Promise<BenchRow[]>> = {
  save: benchSave,
  backup: benchBackup,
  start: benchStart,
  search: benchSearch,
  export: benchExport,
  renderer: (_work, options) => benchRenderer(options),
  memory: benchMemory,
  /** Issue #5: a participant's tag to the lead's screen, 20 participants on loopback. */
  participants: benchParticipants,
  /** Issue 19: customer evidence, 100,000 items (import, the chair's ranking, save, start, memory). */
  evidence: benchEvidence,
  /** Issue #20: start, dashboard, report and memory at 10,000 meetings. */
  scale: benchScale,
};

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');

const generateDir = readFlag(argv, '--generate');
if (generateDir) {
  const meetings = Number(readFlag(argv, '--meetings') ?? '1000');
  if (!Number.isInteger(meetings) || meetings < 1) throw new Error('--meetings must be a whole number of at least 1.');
  const started = performance.now();
  generateLibrary(path.resolve(generateDir), { meetings });
  console.log(
    `Generated ${meetings} meetings (${meetings * 20} decisions) in ${path.resolve(generateDir)} (${((performance.now() - started) / 1000).toFixed(1)} s).`,
  );
  process.exit(0);
}

const only = readFlag(argv, '--only');
const chosen = only ? only.split(',').map((name) => name.trim()) : Object.keys(GROUPS);
const unknown = chosen.filter((name) => !(name in GROUPS));
if (unknown.length > 0) {
  console.error(`--only: no group called ${unknown.join(', ')}; the groups are ${Object.keys(GROUPS).join(', ')}.`);
  process.exit(2);
}

const failed: string[] = [];
try {
  // Built once up front, so no group (the start-up one above all) times a build.
  await ensureRendererBuilt();
  await ensureServerBuilt();
} catch (error) {
  // Not a failure by itself (another change may fix the sources meanwhile): the groups that need
  // the interface build it again and fail on their own if it still does not build.
  console.error(`\n${(error as Error).message} Going on; the groups that need the interface will try again.`);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-bench-'));
const rows: BenchRow[] = [];
// The service's background work (warmUp's batches) runs on unref'd immediates so it never holds a
// closing app open; awaiting it here with nothing else alive would let node exit mid-run (code 13).
const keepAlive = setInterval(() => {}, 1_000);
try {
  for (const group of chosen) {
    const command = `npm run bench -- --only ${group}${quick ? ' --quick' : ''}`;
    const started = performance.now();
    try {
      const groupDir = path.join(work, group);
      fs.mkdirSync(groupDir);
      for (const row of await GROUPS[group]!(groupDir, { quick })) rows.push({ ...row, group, command });
    } catch (error) {
      failed.push(group);
      console.error(`\nThe ${group} benchmark failed:`, error);
      rows.push({
        group,
        figure: `${group} benchmark`,
        value: `threw: ${(error as Error).message?.split('\n')[0]}`,
        budget: '-',
        verdict: 'FAILED',
        command,
      });
    }
    console.error(`(${group}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
} finally {
  clearInterval(keepAlive);
  fs.rmSync(work, { recursive: true, force: true });
}

const load = os
  .loadavg()
  .map((n) => n.toFixed(2))
  .join(' ');
printTable(
  rows,
  `Empty Chair benchmarks${quick ? ' (quick smoke run: small sizes, timings not judged)' : ''}, ${new Date().toISOString()}, ` +
    `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), load average ${load}, node ${process.version}`,
);
const missed = rows.filter((row) => row.verdict === 'MISSED');
if (failed.length > 0) console.log(`\n${failed.length} group(s) failed: ${failed.join(', ')}.`);
else if (!quick) console.log(missed.length ? `\n${missed.length} budget(s) missed.` : '\nEvery budget met.');
// A group that throws fails the run (and npm test); a missed budget is reported, not an error.
process.exitCode = failed.length > 0 ? 1 : 0;
