/**
 * npm run bench [-- --quick] [-- --generate DIR --meetings N]
 * Prints a table of figures measured in this one run, each with the command that reproduces it.
 * Timings are judged here, as ratios, never in timed tests: these machines are shared and noisy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFlag } from '../../electron/storage/dataDir';
import { generateLibrary } from './generate';
import { benchSave } from './save';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');

const generateDir = readFlag(argv, '--generate');
if (generateDir) {
  const meetings = Number(readFlag(argv, '--meetings') ?? '1000');
  const started = performance.now();
  generateLibrary(path.resolve(generateDir), meetings);
  console.log(`Generated ${meetings} meetings in ${path.resolve(generateDir)} (${((performance.now() - started) / 1000).toFixed(1)} s).`);
  process.exit(0);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-bench-'));
const rows: { figure: string; value: string; budget: string; command: string }[] = [];
try {
  rows.push(...benchSave(work, { quick }));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => Object.values(r)[c]!.length), ['figure', 'value', 'budget', 'command'][c]!.length));
const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ');
console.log(`\nEmpty Chair benchmarks${quick ? ' (quick mode: smoke run, timings not judged)' : ''}, ${os.cpus().length} cores, node ${process.version}`);
console.log(line(['figure', 'value', 'budget', 'command']));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line([row.figure, row.value, row.budget, row.command]));
const missed = rows.filter((row) => row.budget.startsWith('MISSED'));
if (!quick && missed.length) console.log(`\n${missed.length} budget(s) missed.`);
