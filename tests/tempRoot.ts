import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * vitest's global setup: the test files' temp folders (libraries, servers' static dirs) go in one
 * folder of this run, removed when it ends, so a direct `npx vitest` leaves nothing behind either
 * (`npm test` does the same for all its steps: scripts/test.mjs). Thousands of leftover folders in
 * /tmp had slowed this machine's file creation and renames, and with them the save benchmark.
 * The workers start after this runs, and take TMPDIR from the environment set here.
 */
export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-vitest-'));
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = root;
  return () => {
    try {
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      console.warn(`Could not remove the test run's temp folder ${root}: ${(error as Error).message}`);
    }
  };
}
