import Conf from 'conf';
import path from 'node:path';
import { LibraryStorage } from '../../electron/storage/libraryStorage';
import { generateLibrary } from './generate';
import { info, median, type BenchRow } from './table';

/** Time to snapshot the whole data folder (what the 15-minute and on-close backups cost). */
export function benchBackup(work: string, { quick }: { quick: boolean }): BenchRow[] {
  const meetings = quick ? 20 : 1000;
  const dir = path.join(work, 'backup');
  generateLibrary(dir, { meetings });
  const storage = new LibraryStorage(dir, Conf);
  const times: number[] = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const started = performance.now();
    storage.backups.create('manual', new Date(Date.now() + i * 1000));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return [info(`backup of ${meetings} meetings (copy of the data folder)`, `median ${median(times).toFixed(0)} ms`)];
}
