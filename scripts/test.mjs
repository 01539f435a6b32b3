// npm test: everything, in order: typecheck, lint (eslint, then prettier's check), import cycles, size rules,
// unit and renderer tests (vitest, with a short fuzz run), a short crash test, a test browser, the
// full build (renderer + Electron main/preload), a quick benchmark run (every group, renderer
// included), then Playwright in Chromium. Every step runs even after a failure, so one run shows
// everything that is wrong; the exit code says if any failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './build-renderer.mjs';

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const results = path.join(ROOT, 'test-results');
fs.mkdirSync(results, { recursive: true });

const steps = [
  ['typecheck (tsc -b: shared, electron, renderer, tools; each with its own environment)', bin('tsc'), ['-b']],
  ['lint', bin('eslint'), ['.']],
  ['lint: formatting (prettier --check; `npm run format` fixes it)', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  // dpdm.config.json: type-only imports count too (transform: false); a cycle of types still ties modules together.
  ['import cycles (dpdm: none allowed in electron/, shared/, renderer/)', bin('dpdm'), []],
  ['size rules (files 400 lines, components 200, functions 80)', process.execPath, [path.join(ROOT, 'scripts', 'check-sizes.mjs')]],
  [
    'unit and renderer tests',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile=${path.join(results, 'vitest.json')}`],
  ],
  ['crash test (50 kills)', process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'crash', 'run.ts'), '--kills', '50']],
  ['test browser', process.execPath, [path.join(ROOT, 'scripts', 'ensure-browser.mjs')]],
  ['build', bin('vite'), ['build', '--logLevel', 'warn']],
  // After the test browser and the build: the renderer group runs real Chromium on the built renderer.
  [
    'benchmarks, quick smoke run (timings not judged)',
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'run.ts'), '--quick'],
  ],
  [
    'electron security scan (electronegativity: fails on high or medium)',
    process.execPath,
    [path.join(ROOT, 'scripts', 'electronegativity.mjs')],
  ],
  ['browser tests', bin('playwright'), ['test', '-c', 'tests/playwright.config.ts']],
];

/**
 * Where the run's temp folder goes: in memory (/dev/shm) where it has room, else the system's temp
 * folder. Many tests sync each save (fdatasync: about 8 ms a call on this machine's shared disk, 0.1 ms
 * in memory). The code under test is the same, and a SIGKILL loses exactly what it would on disk; only
 * the wait for the disk goes. EMPTY_CHAIR_TEST_TMP=disk keeps it on disk.
 */
function tempParent() {
  if (process.env.EMPTY_CHAIR_TEST_TMP === 'disk') return os.tmpdir();
  try {
    const { bavail, bsize } = fs.statfsSync('/dev/shm');
    if (bavail * bsize >= 2 * 1024 ** 3) return '/dev/shm';
  } catch {
    // no /dev/shm (macOS, Windows): the system's temp folder
  }
  return os.tmpdir();
}

// Every step's temp folders (libraries, servers' static dirs, browser profiles) go in one folder
// of this run, removed at the end: tests that stop half-way cannot leave thousands behind in /tmp.
const runTemp = fs.mkdtempSync(path.join(tempParent(), 'empty-chair-npm-test-'));
const env = { ...process.env, TMPDIR: runTemp, TMP: runTemp, TEMP: runTemp };
console.log(`Temp folder of this run: ${runTemp}`);

const failed = [];
const timings = [];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status !== 0) failed.push(name);
  timings.push(`  ${seconds.padStart(6)} s  ${name}`);
  console.log(`${status === 0 ? '✔' : '✘'} ${name} (${seconds} s)`);
}
console.log(`\nWhere the time went:\n${timings.join('\n')}`);

try {
  fs.rmSync(runTemp, { recursive: true, force: true, maxRetries: 3 });
} catch (error) {
  console.warn(`Could not remove the run's temp folder ${runTemp}: ${error.message}`);
}

// One closing line with the counts of both runners.
const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(results, file), 'utf8'));
  } catch {
    return null;
  }
};
const vitest = readJson('vitest.json');
const playwright = readJson('playwright.json');
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
const failedTests = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
// Every skipped browser test says why (its test.skip reason), so a skip is never silent.
const skippedSpecs = [];
const walk = (suite) => {
  for (const child of suite.suites ?? []) walk(child);
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'skipped') continue;
      const reason = (test.annotations ?? []).find((note) => note.type === 'skip')?.description ?? 'no reason given';
      skippedSpecs.push(`  - ${spec.file}: ${spec.title} (${test.projectName}): ${reason}`);
    }
  }
};
for (const suite of playwright?.suites ?? []) walk(suite);
if (skippedSpecs.length) console.log(`\nSkipped browser tests, and why:\n${skippedSpecs.join('\n')}`);
console.log(failed.length ? `\nFailed steps: ${failed.join(', ')}` : '\nAll steps passed.');
console.log(`Tests: ${passed} passed, ${failedTests} failed, ${skipped} skipped`);
process.exit(failed.length ? 1 : 0);
