/**
 * node --import tsx scripts/evidence/measure.ts [rows]: the evidence figures of issue 19 on this
 * machine. Writes a generated help-desk ticket export of N rows (default 100,000) to a temp folder,
 * imports it through the service (time, rows/s), then ranks 200 agenda-item queries over the
 * loaded items (p50/p95 ms) and prints the resident memory. Not yet a group of `npm run bench`.
 */
import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import type { EvidenceSearchResult, ImportProgress } from '../../shared/evidence/schema';

const rows = Number(process.argv[2] ?? 100_000);
/**
 * 'narrow': every ticket uses 24 of the same 25 words, so every query term matches every item (the
 * worst case). 'zipf' (default): descriptions draw from 5,000 words with a Zipf-like spread, as
 * real ticket text does.
 */
const vocabulary = process.argv[3] === 'narrow' ? 'narrow' : 'zipf';
const RARE = Array.from({ length: 5_000 }, (_, k) => `term${k.toString(36)}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-evidence-measure-'));
const SUBJECTS = [
  'Pricing too high',
  'Invoice missing VAT',
  'Export to CSV fails',
  'SSO login broken',
  'Mobile app crash',
  'Slow dashboard',
  'Refund request',
  'Dark mode please',
  'Calendar sync',
  'Search finds nothing',
];
const WORDS =
  'customer team plan price invoice export login mobile crash slow refund theme calendar search report page button email account billing order data week month'.split(
    ' ',
  );

function ticketCsv(file: string): void {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'id,subject,description,requester,email,priority,satisfaction,created_at\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const words = Array.from({ length: 24 }, (_, j) => {
      if (vocabulary === 'narrow') return WORDS[(i * 7 + j * 13) % WORDS.length];
      const r = ((i * 2654435761 + j * 40503) >>> 0) / 2 ** 32;
      return j % 4 === 0 ? WORDS[(i + j) % WORDS.length] : RARE[Math.floor(Math.pow(r, 3) * RARE.length)];
    }).join(' ');
    const day = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    chunk += `${i},"${SUBJECTS[i % SUBJECTS.length]}","Ticket ${i}: ${words}. Call +1 555 010 ${String(i % 10_000).padStart(4, '0')}",Customer ${i % 5_000},user${i}@company${i % 5_000}.com,${['low', 'high'][i % 2]},${(i % 5) + 1},${day}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

const file = path.join(work, 'tickets.csv');
ticketCsv(file);
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
