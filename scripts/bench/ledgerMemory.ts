/**
 * Memory of the ledger's build (issue 20): `node --expose-gc --import tsx scripts/bench/ledgerMemory.ts [meetings] [--from-file]`
 * (default 1,000; 20 decisions each). Generates the library once (cached in the system's temp folder
 * by size), then in this process: the background build, one word search and the dashboard, and the
 * heap and resident memory after a full collection. With --from-file the ledger is read from the
 * file an earlier session left (ledger/snapshot.ts; made first if missing) instead of built.
 */
import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../electron/service/dispatch';
import { LEDGER_FILE } from '../../electron/service/ledger/snapshot';
import { openLibrary } from '../../electron/service/openLibrary';
import { generateLibrary } from './generate';

const meetings = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 1000);
const fromFile = process.argv.includes('--from-file');
const dir = path.join(os.tmpdir(), `empty-chair-ledger-memory-${meetings}`);
if (!fs.existsSync(path.join(dir, 'ready'))) {
  fs.rmSync(dir, { recursive: true, force: true });
  generateLibrary(dir, { meetings, keep: false });
  fs.writeFileSync(path.join(dir, 'ready'), '');
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
/** Typed arrays (the ledger's columns and postings) live outside the JavaScript heap: shown apart. */
const figures = (m: NodeJS.MemoryUsage) => `heap ${mb(m.heapUsed)}, array buffers ${mb(m.arrayBuffers)}, resident ${mb(m.rss)}`;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc, so the figures are after a full collection.');

function call(library: ReturnType<typeof openLibrary>, method: string, params: unknown): unknown {
  const result = dispatch(library.service, method as never, params as never);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

async function main() {
  const file = path.join(dir, 'cache', LEDGER_FILE);
  if (!fromFile) fs.rmSync(file, { force: true });
  else if (!fs.existsSync(file)) {
    const first = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'bench', backupIntervalMs: null });
    call(first, 'ledger.search', { limit: 1 });
    first.close(); // writes the file
  }
  gc!();
  const start = process.memoryUsage();
  const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'bench', backupIntervalMs: null });
  call(library, 'library.get', {}); // the warm-up waits for the first list, as in the app
  const began = performance.now();
  await library.service.warmUp();
  const build = performance.now() - began;
  const found = call(library, 'ledger.search', { text: 'pricing' }) as { total: number };
  gc!();
  const afterSearch = process.memoryUsage();
  call(library, 'dashboard.get', {});
  gc!();
  const afterDashboard = process.memoryUsage();
  console.log(
    `${meetings} meetings: ${fromFile ? 'read from its file' : 'build'} ${build.toFixed(0)} ms, "pricing" found ${found.total} decisions`,
  );
  console.log(`start:                 ${figures(start)}`);
  console.log(`after build + search:  ${figures(afterSearch)}`);
  console.log(`after the dashboard:   ${figures(afterDashboard)}`);
  library.close();
}

// The warm-up's timers are unref'd (they never hold a closing app open): keep this process alive meanwhile.
const keepAlive = setInterval(() => undefined, 1_000);
await main().finally(() => clearInterval(keepAlive));
