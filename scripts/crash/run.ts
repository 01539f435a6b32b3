/**
 * npm run test:crash [-- --kills N]: kills a writing process with SIGKILL at random moments, N times
 * (default 1,000; npm test runs 50), on one data folder. After every kill it checks, from the files
 * alone, that every file parses and every acknowledged write is on disk: in the meeting's file, or
 * in its save journal (electron/storage/journal.ts), read as the next start reads them but without
 * writing anything. At the end it opens the folder with the real service and checks nothing was
 * quarantined but copies of journals whose last save the kill cut off (never acknowledged). The
 * writer also imports customer evidence; after every kill each source the evidence index names must
 * have exactly its items on disk (no partial import visible), and every acknowledged import must be
 * there. Prints `N kills, M acknowledged writes, 0 lost` and exits non-zero on any loss.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import Conf from 'conf';
import { meetingSchema, type Meeting } from '../../shared/domain';
import { evidenceIndexSchema } from '../../shared/evidence/schema';
import { openLibrary } from '../../electron/service/openLibrary';
import { CUT_OFF_SAVE, DocumentFile, type StoreFile } from '../../electron/storage/documentStore';
import { readFlag } from '../../electron/storage/dataDir';

const kills = Number(readFlag(process.argv.slice(2), '--kills') ?? '1000');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-crash-'));
const dataDir = path.join(work, 'data');
const writerJs = path.join(work, 'writer.mjs');

// One bundle of the writer, so each restart costs a plain node start, not a TypeScript loader.
await build({
  entryPoints: [path.join(import.meta.dirname, 'writer.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: writerJs,
  logLevel: 'error',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});

const ackedRevision = new Map<string, number>();
const ackedDecisions = new Map<string, Set<string>>();
/** Per evidence source, the item count its last acknowledged import left (re-imports only add rows). */
const ackedEvidence = new Map<string, number>();
let evidenceImports = 0;
let partialImports = 0;
/** Kills that landed while an evidence import was under way (started, not yet acknowledged). */
let killsDuringImport = 0;
let acknowledged = 0;
let lost = 0;
const problems: string[] = [];

function runOnce(seed: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerJs, dataDir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let stderr = '';
    let importing = false;
    // Most kills land mid-writing; some during start-up (open, recovery, lock take-over, cleanup).
    const duringStartup = Math.random() < 0.15;
    let timer = duringStartup ? setTimeout(() => child.kill('SIGKILL'), Math.random() * 150) : undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const [kind, what, id, extra] = buffer.slice(0, newline).split(' ');
        buffer = buffer.slice(newline + 1);
        if (kind === 'READY' && !duringStartup) timer = setTimeout(() => child.kill('SIGKILL'), Math.random() * 80);
        if (kind === 'START') importing = true;
        if (kind === 'ERROR') problems.push(`writer error: ${what} ${id} ${extra ?? ''}`);
        if (kind !== 'ACK') continue;
        acknowledged++;
        if (what === 'meeting') ackedRevision.set(id!, Math.max(ackedRevision.get(id!) ?? 0, Number(extra)));
        if (what === 'evidence') {
          importing = false;
          evidenceImports++;
          ackedEvidence.set(id!, Math.max(ackedEvidence.get(id!) ?? 0, Number(extra)));
        }
        if (what === 'decision') {
          const set = ackedDecisions.get(id!) ?? new Set<string>();
          set.add(extra!);
          ackedDecisions.set(id!, set);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited by itself (code ${code}):\n${stderr}`));
      if (importing) killsDuringImport++;
      resolve();
    });
  });
}

/** A store class that writes nothing: the check reads a journal without folding it into the file. */
class ReadOnlyStore implements StoreFile {
  readonly path = '';
  store: Record<string, unknown> = {};
  constructor() {
    throw new Error('the check writes nothing');
  }
}

/** A kill in the middle of an append leaves a cut-off last line: expected. Anything else in a journal is not. */
const isCutOffOnly = (problem: string) => problem.includes(CUT_OFF_SAVE) && !/damaged/.test(problem);

/** Checks the folder from its files alone, as a fresh start would see them. */
function verifyFiles(): void {
  const meetingsDir = path.join(dataDir, 'meetings');
  const index = path.join(dataDir, 'library.json');
  if (fs.existsSync(index)) {
    try {
      JSON.parse(fs.readFileSync(index, 'utf8'));
    } catch (error) {
      problems.push(`library.json does not parse: ${(error as Error).message}`);
    }
  }
  for (const [id, revision] of ackedRevision) {
    const file = path.join(meetingsDir, `${id}.json`);
    const document = new DocumentFile(ReadOnlyStore, meetingsDir, id, meetingSchema, 'meeting', {
      journal: (journal, problem) => {
        if (!isCutOffOnly(problem)) problems.push(`${journal} ${problem}`);
        return false;
      },
      file: (error) => problems.push(`${error.message} (a journal held a newer version)`),
    });
    let meeting: Meeting | undefined;
    try {
      meeting = document.read();
      if (!meeting) throw new Error('neither the file nor a journal is there');
    } catch (error) {
      lost++;
      problems.push(`${file}: ${(error as Error).message.slice(0, 200)}`);
      continue;
    }
    if (meeting.revision < revision) {
      lost++;
      problems.push(`${id}: acknowledged revision ${revision}, on disk ${meeting.revision}`);
    }
    const decisions = new Set(meeting.agenda.flatMap((item) => item.decisions.map((d) => d.id)));
    for (const decisionId of ackedDecisions.get(id) ?? []) {
      if (!decisions.has(decisionId)) {
        lost++;
        problems.push(`${id}: acknowledged decision ${decisionId} missing`);
      }
    }
  }
}

/** The evidence as the next start would see it: every named source whole, every acknowledged import there. */
function verifyEvidence(): void {
  const dir = path.join(dataDir, 'evidence');
  const indexFile = path.join(dir, 'index.json');
  if (!fs.existsSync(indexFile)) {
    if (ackedEvidence.size > 0) problems.push('evidence/index.json is gone');
    return;
  }
  const parsed = evidenceIndexSchema.safeParse(JSON.parse(fs.readFileSync(indexFile, 'utf8')));
  if (!parsed.success) return void problems.push(`evidence/index.json does not parse: ${parsed.error.message.slice(0, 200)}`);
  const counts = new Map(parsed.data.sources.map((source) => [source.id, source.itemCount]));
  for (const source of parsed.data.sources) {
    const file = path.join(dir, source.file);
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : null;
    const whole = lines !== null && lines.length === source.itemCount && lines.every((line) => line.endsWith('}'));
    if (!whole) {
      partialImports++;
      problems.push(
        `evidence source ${source.name}: the index says ${source.itemCount} items, ${source.file} holds ${lines?.length ?? 'nothing'}`,
      );
    }
  }
  for (const [id, count] of ackedEvidence) {
    if ((counts.get(id) ?? -1) >= count) continue;
    lost++;
    problems.push(`evidence source ${id}: acknowledged with ${count} items, on disk ${counts.get(id) ?? 'missing'}`);
  }
}

const started = Date.now();
for (let kill = 1; kill <= kills; kill++) {
  await runOnce(kill);
  verifyFiles();
  verifyEvidence();
  if (problems.length) break;
  if (kill % 100 === 0) console.log(`  ${kill} kills, ${acknowledged} acknowledged writes so far…`);
}

// Finally, the real start-up path: it must find every meeting, recover nothing, quarantine nothing.
const library = openLibrary({ dataDir, StoreClass: Conf, role: 'crash-test check', backupIntervalMs: null });
const listed = new Set(library.service.library().meetings.map((m) => m.id));
for (const id of ackedRevision.keys()) {
  if (listed.has(id)) continue;
  lost++;
  problems.push(`${id} is not in the library`);
}
const quarantined = fs.existsSync(path.join(dataDir, 'quarantine')) ? fs.readdirSync(path.join(dataDir, 'quarantine')) : [];
const unexpected = quarantined.filter((name) => !name.endsWith('.journal'));
if (unexpected.length) problems.push(`quarantined at start: ${unexpected.join(', ')}`);
await library.service.evidence.settled();
const evidence = library.service.handlers['evidence.library']({});
for (const [id, count] of ackedEvidence) {
  const source = evidence.sources.find((entry) => entry.id === id);
  if (!source || source.itemCount < count)
    problems.push(`at start: evidence source ${id} has ${source?.itemCount ?? 'no'} items, ${count} acknowledged`);
}
const journalNotices = library.service.notices.filter((notice) => notice.includes('save journal'));
for (const notice of journalNotices) if (!isCutOffOnly(notice)) problems.push(`at start: ${notice}`);
library.close();

fs.rmSync(work, { recursive: true, force: true });
console.log(
  `${kills} kills, ${acknowledged} acknowledged writes, ${lost} lost (${((Date.now() - started) / 1000).toFixed(0)} s)` +
    `; ${killsDuringImport} kills during an evidence import, ${evidenceImports} imports acknowledged, ${partialImports} partial imports visible` +
    `; ${quarantined.length - unexpected.length} journal copies quarantined for a last save a kill cut off`,
);
if (problems.length) {
  console.error(problems.slice(0, 20).join('\n'));
  process.exit(1);
}
