import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import { generateLibrary } from './generate';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Times `runs` saves of one agenda-item change (its notes) on a library of `meetings` meetings. */
function timeAgendaSaves(dataDir: string, meeting: Meeting, runs: number): number[] {
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'bench' });
  try {
    const itemId = meeting.agenda[0]!.id;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const result = dispatch(library.service, 'agenda.update', { meetingId: meeting.id, itemId, changes: { notes: `Edit ${i}: ${'x'.repeat(200)}` } });
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(result.error.message);
    }
    return times.sort((a, b) => a - b);
  } finally {
    library.close();
  }
}

/** The floor: the same bytes written raw, as an atomic write does it (temp file, fsync, rename). */
function timeRawWrites(dir: string, bytes: string, runs: number): number[] {
  const target = path.join(dir, 'raw.json');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const temp = `${target}.tmp`;
    const fd = fs.openSync(temp, 'w');
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, target);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export function benchSave(work: string, { quick }: { quick: boolean }) {
  const runs = quick ? 10 : 300;
  const big = quick ? 20 : 1000;
  const oneDir = path.join(work, 'one');
  const manyDir = path.join(work, 'many');
  const [single] = generateLibrary(oneDir, 1);
  const many = generateLibrary(manyDir, big);
  const target = many[Math.floor(many.length / 2)]!;

  // Interleave the two libraries in rounds so drift in the machine's load hits both alike.
  const one: number[] = [];
  const lots: number[] = [];
  const rounds = 3;
  for (let round = 0; round < rounds; round++) {
    one.push(...timeAgendaSaves(oneDir, single!, Math.ceil(runs / rounds)));
    lots.push(...timeAgendaSaves(manyDir, target, Math.ceil(runs / rounds)));
  }
  one.sort((a, b) => a - b);
  lots.sort((a, b) => a - b);
  const raw = timeRawWrites(work, fs.readFileSync(path.join(manyDir, 'meetings', `${target.id}.json`), 'utf8'), runs);

  const med = (xs: number[]) => quantile(xs, 0.5);
  const ratio = med(lots) / med(one);
  const floorRatio = med(lots) / med(raw);
  const command = 'npm run bench';
  const ms = (xs: number[]) => `median ${med(xs).toFixed(2)} ms, p95 ${quantile(xs, 0.95).toFixed(2)} ms`;
  return [
    { figure: 'save one agenda-item change, 1 meeting on disk', value: ms(one), budget: '-', command },
    { figure: `save one agenda-item change, ${big} meetings on disk`, value: ms(lots), budget: '-', command },
    { figure: 'raw floor: same bytes, write+fsync+rename', value: ms(raw), budget: '-', command },
    {
      figure: `ratio ${big} meetings / 1 meeting (median)`,
      value: `${ratio.toFixed(2)}x`,
      budget: quick ? 'not judged' : ratio <= 1.5 ? 'ok (<= 1.5x)' : 'MISSED (<= 1.5x)',
      command,
    },
    {
      figure: `ratio ${big} meetings / raw floor (median)`,
      value: `${floorRatio.toFixed(2)}x`,
      budget: quick ? 'not judged' : floorRatio <= 3 ? 'ok (<= 3x)' : 'MISSED (<= 3x)',
      command,
    },
  ];
}
