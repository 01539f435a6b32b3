/**
 * node --import tsx scripts/evidence/measure.ts [rows]: the evidence figures of issue 19 on this
 * machine. Writes a generated help-desk ticket export of N rows (default 100,000) to a temp folder,
 * imports it through the service (time, rows/s), then ranks 200 agenda-item queries over the
 * loaded items (p50/p95 ms) and prints the resident memory. `npm run bench -- --only evidence` measures
 * the same import and the chair's ranking with budgets, with start, save and memory figures.
 */
import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import type { EvidenceSearchResult, ImportProgress } from '../../shared/evidence/schema';
import { SUBJECTS, WORDS, writeTicketCsv } from './tickets';

const rows = Number(process.argv[2] ?? 100_000);
/** 'narrow' or 'zipf' (default): see writeTicketCsv. */
const vocabulary = process.argv[3] === 'narrow' ? 'narrow' : 'zipf';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-evidence-measure-'));

const file = path.join(work, 'tickets.csv');
writeTicketCsv(file, rows, vocabulary);
const library = openLibrary({ dataDir: path.join(work, 'data'), StoreClass: Conf, role: 'measure', backupIntervalMs: null });
const call = <T>(method: string, input: unknown): T => {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
};
const started = performance.now();
const { jobId } = call<ImportProgress>('evidence.import', {
  source: { name: 'Tickets', kind: 'tickets' },
  input: { kind: 'path', path: file },
});
await library.service.evidence.settled();
const progress = call<ImportProgress>('evidence.importStatus', { jobId });
const seconds = (performance.now() - started) / 1000;
if (progress.state !== 'done') throw new Error(`import ${progress.state}: ${progress.error?.message}`);
console.log(`vocabulary: ${vocabulary}`);
console.log(
  `import: ${progress.rowsKept.toLocaleString('en-US')} rows of ${(fs.statSync(file).size / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${Math.round(progress.rowsKept / seconds).toLocaleString('en-US')} rows/s (read, map, mask, write, index)`,
);

const queries = Array.from(
  { length: 200 },
  (_, i) => `${SUBJECTS[i % SUBJECTS.length]} for ${WORDS[i % WORDS.length]} and ${WORDS[(i * 3) % WORDS.length]} customers`,
);
const times: number[] = [];
for (const query of queries) {
  const at = performance.now();
  const result = call<EvidenceSearchResult>('evidence.search', { query, limit: 5 });
  times.push(performance.now() - at);
  if (result.hits.length === 0) throw new Error(`no hits for ${query}`);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!.toFixed(1);
console.log(`ranking over ${progress.rowsKept.toLocaleString('en-US')} items: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms (200 queries)`);
console.log(`resident memory with them loaded: ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
library.close();
fs.rmSync(work, { recursive: true, force: true });
