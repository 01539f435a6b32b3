import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLibrary } from '../../scripts/bench/generate';
import { runModule, tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * The ledger's background warm-up must run on its own in a process that is otherwise idle (a
 * browser-mode server nobody is using). Its batches once ran on unref'd setImmediate, which does not
 * wake node's event loop: every batch waited for the next request or timer, so 1,000 meetings took
 * 19 s. Here the only thing keeping the child alive is one long timer, as a quiet server's sockets do.
 * What tells the two apart is the event loop's idle time during the warm-up (time spent waiting for
 * something to happen), not the elapsed time: a loaded machine stretches the work, while the stalled
 * version idles about 2 s per batch (8 batches: 16 s or more), and the fixed one about 1 ms.
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
      const stalled = setTimeout(() => { console.log('stalled: the warm-up waited for this timer'); process.exit(1); }, 60_000);
      const before = performance.eventLoopUtilization();
      await library.service.warmUp();
      const { idle } = performance.eventLoopUtilization(before);
      clearTimeout(stalled);
      const result = dispatch(library.service, 'ledger.search', { limit: 1 });
      library.close();
      console.log(JSON.stringify({ total: result.value.total, idle }));
    `;
    const run = runModule(child);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/stalled/);
    expect(run.status).toBe(0);
    const { total, idle } = JSON.parse(run.stdout) as { total: number; idle: number };
    expect(total).toBe(4000);
    expect(idle, `the event loop idled ${Math.round(idle)} ms during the warm-up`).toBeLessThan(5_000);
  }, 150_000);
});
