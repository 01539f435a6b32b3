import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLibrary } from '../../scripts/bench/generate';
import { tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * The ledger's background warm-up must run on its own in a process that is otherwise idle (a
 * browser-mode server nobody is using). Its batches once ran on unref'd setImmediate, which does not
 * wake node's event loop: every batch waited for the next request or timer, so 1,000 meetings took
 * 19 s. Here the only thing keeping the child alive is one long timer, as a quiet server's sockets do.
 */
describe('ledger warm-up in an idle process', () => {
  it('indexes 200 meetings (8 batches) without waiting for anything else to wake the loop', () => {
    const dir = tempDir();
    generateLibrary(dir, { meetings: 200 });
    const child = `
      import Conf from 'conf';
      const { openLibrary } = await import(${JSON.stringify(path.join(ROOT, 'electron/service/openLibrary.ts'))});
      const { dispatch } = await import(${JSON.stringify(path.join(ROOT, 'electron/service/dispatch.ts'))});
      const library = openLibrary({ dataDir: ${JSON.stringify(dir)}, StoreClass: Conf, role: 'test', backupIntervalMs: null });
      const stalled = setTimeout(() => { console.log('stalled'); process.exit(1); }, 20_000);
      const began = performance.now();
      await library.service.warmUp();
      const ms = performance.now() - began;
      clearTimeout(stalled);
      const result = dispatch(library.service, 'ledger.search', { limit: 1 });
      library.close();
      console.log(JSON.stringify({ total: result.value.total, ms }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { total, ms } = JSON.parse(run.stdout) as { total: number; ms: number };
    expect(total).toBe(4000);
    // Reading 200 meetings takes well under a second even on a loaded 2-core machine; the stalled
    // version took 2 s or more per batch here (about 15 s), so 5 s tells the two apart with margin.
    expect(ms).toBeLessThan(5_000);
  }, 90_000);
});
