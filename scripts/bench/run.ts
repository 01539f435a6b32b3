/**
 * npm run bench [-- --quick] | npm run bench -- --generate DIR --meetings N
 * Prints a table of figures measured in this one run, each with the command that reproduces it.
 * Budgets are judged here, as ratios within one run, never in timed tests: these machines are
 * shared and noisy. --quick is the smoke run npm test makes so the suite cannot rot; it judges nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFlag } from '../../electron/storage/dataDir';
import { generateLibrary } from './generate';
import { benchBackup } from './backup';
import { benchExport } from './export';
import { benchSave } from './save';
import { benchSearch } from './search';
import { benchStart } from './start';
import { printTable, type BenchRow } from './table';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');

const generateDir = readFlag(argv, '--generate');
if (generateDir) {
  const meetings = Number(readFlag(argv, '--meetings') ?? '1000');
  if (!Number.isInteger(meetings) || meetings < 1) throw new Error('--meetings must be a whole number of at least 1.');
  const started = performance.now();
  generateLibrary(path.resolve(generateDir), { meetings });
  console.log(`Generated ${meetings} meetings (${meetings * 20} decisions) in ${path.resolve(generateDir)} (${((performance.now() - started) / 1000).toFixed(1)} s).`);
  process.exit(0);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-bench-'));
const rows: BenchRow[] = [];
try {
  rows.push(...benchSave(work, { quick }));
  rows.push(...(await benchStart(work, { quick })));
  rows.push(...benchBackup(work, { quick }));
  rows.push(...(await benchSearch(work, { quick })));
  rows.push(...(await benchExport({ quick })));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

printTable(rows, `Empty Chair benchmarks${quick ? ' (quick smoke run: timings not judged)' : ''}, ${os.cpus().length} cores, node ${process.version}`);
const missed = rows.filter((row) => row.budget.startsWith('MISSED'));
if (!quick) console.log(missed.length ? `\n${missed.length} budget(s) missed.` : '\nEvery budget met.');
