/**
 * The meeting files' stamps taken on a worker (electron/service/figureStamps.ts), given their ids
 * at once or started early and given them later (the kernel starts it before the library's open,
 * which folds journals, and hands the ids over after it): the same stamps as a stat here, a worker
 * told the open failed stops, and a missing file is no stamp.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStamp, StampsInWorker } from '../../electron/service/figureStamps';
import { tempDir } from './helpers';

const WAIT_MS = 30_000;

function folder(count: number) {
  const dir = tempDir('empty-chair-stamps-');
  const ids = Array.from({ length: count }, (_, i) => `meeting-${i}`);
  ids.forEach((id, i) => fs.writeFileSync(path.join(dir, `${id}.json`), 'x'.repeat(i + 1)));
  return { dir, prefix: `${dir}${path.sep}`, ids };
}

/** Each id's stamp as this thread takes it. */
const here = (dir: string, ids: readonly string[]) => ids.map((id) => fileStamp(path.join(dir, `${id}.json`)));

describe('the stamps taken on a worker', () => {
  it('gives the stamps a stat here gives, ids given at once or after an early start, and none for a missing file', async () => {
    const { dir, prefix, ids } = folder(50);
    const asked = [...ids, 'no-such-meeting'];
    const atOnce = new StampsInWorker(prefix, asked, 0);
    const early = StampsInWorker.early(prefix, 0);
    expect(early.ids).toEqual([]);
    early.begin(asked);
    for (const stamps of [atOnce, early]) {
      const stampOf = stamps.take(WAIT_MS);
      expect(stampOf).not.toBeNull();
      expect(stamps.ids).toEqual(asked);
      expect(asked.map((_, i) => stampOf!(i))).toEqual(here(dir, asked));
      expect(stampOf!(ids.length)).toBeNull();
    }
  });

  it('waits for its ids however late they come (the open is slow), and takes the stamps of the files as they are then', async () => {
    const { dir, prefix, ids } = folder(5);
    const early = StampsInWorker.early(prefix, 0);
    expect(early.take(50)).toBeNull(); // no ids yet: nothing to take, and it said so without waiting long
    fs.writeFileSync(path.join(dir, `${ids[2]}.json`), 'changed before the ids came');
    early.begin(ids);
    expect(early.take(WAIT_MS)?.(2)).toEqual(fileStamp(path.join(dir, `${ids[2]}.json`)));
  });

  it('stops when told the open failed: nothing to take, and a waiting check goes on at once', async () => {
    const { prefix } = folder(3);
    const early = StampsInWorker.early(prefix, 0);
    const began = performance.now();
    early.begin(null);
    await early.settled(WAIT_MS);
    expect(performance.now() - began).toBeLessThan(WAIT_MS / 2); // it stopped, not the wait's limit
    expect(early.take(0)).toBeNull();
    early.begin(['meeting-0']); // too late: it has stopped
    expect(early.ids).toEqual([]);
  });
});
