import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import { generateLibrary } from './generate';
import { info, median, ms, verdict, type BenchRow } from './table';

/** Times `runs` saves of one new decision in a meeting of a library. Returns sorted milliseconds. */
function timeDecisionSaves(dataDir: string, meeting: Meeting, runs: number): number[] {
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'bench', backupIntervalMs: null });
  try {
    const itemId = meeting.agenda[0]!.id;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const result = dispatch(library.service, 'decisions.add', { meetingId: meeting.id, itemId, decision: { text: `Bench decision ${i}`, tagIds: ['pricing'] } });
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(result.error.message);
      // Keep the meeting the same size from run to run: take the decision out again, untimed.
      const decisionId = (result.value as Meeting).agenda[0]!.decisions.at(-1)!.id;
      dispatch(library.service, 'decisions.remove', { meetingId: meeting.id, decisionId });
    }
    return times.sort((a, b) => a - b);
  } finally {
    library.close();
  }
}

/**
 * The floor, as the issue defines it: the same bytes written raw with writeFileSync plus fsync.
 * `atomic` adds what a crash-safe save needs on top (a temp file renamed into place), for reference.
 */
function timeRawWrites(dir: string, bytes: string, runs: number, atomic: boolean): number[] {
  const target = path.join(dir, atomic ? 'raw-atomic.json' : 'raw.json');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const written = atomic ? `${target}.tmp` : target;
    const fd = fs.openSync(written, 'w');
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (atomic) fs.renameSync(written, target);
    times.push(performance.now() - started);
  }
  return times;
}

/** What a simple app does: the whole library in one electron-store (conf) file, read and set per change. */
function openNaiveStore(dir: string, meetings: Meeting[]) {
  const store = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'naive', accessPropertiesByDotNotation: false });
  store.store = { meetings: Object.fromEntries(meetings.map((m) => [m.id, m])) };
  const target = meetings[Math.floor(meetings.length / 2)]!;
  let count = 0;
  return (runs: number): number[] => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++, count++) {
      const started = performance.now();
      const all = store.get('meetings') as Record<string, Meeting>;
      const meeting = all[target.id]!;
      meeting.agenda[0]!.decisions.push({ ...meeting.agenda[0]!.decisions[0]!, id: `naive-${count}`, text: `Bench decision ${count}` });
      store.set('meetings', all);
      times.push(performance.now() - started);
      meeting.agenda[0]!.decisions.pop();
    }
    return times;
  };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/**
 * Saving one decision (decisions.add through the real service: validate, update the ledger, write
 * the meeting's file atomically) in a 1-meeting and a big library, against the raw floor and the
 * naive one-file store. All four are measured in the same rounds, interleaved, so the ratios compare
 * figures taken at the same moment of the machine's load.
 */
export function benchSave(work: string, { quick }: { quick: boolean }): BenchRow[] {
  const rounds = quick ? 2 : 6;
  const runsPerRound = quick ? 5 : 50;
  const naivePerRound = quick ? 2 : 4;
  const big = quick ? 20 : 1000;
  const oneDir = path.join(work, 'one');
  const manyDir = path.join(work, 'many');
  const [single] = generateLibrary(oneDir, { meetings: 1 });
  const many = generateLibrary(manyDir, { meetings: big });
  const target = many[Math.floor(many.length / 2)]!;
  // The floor writes what the save writes: the target meeting's file as the store writes it.
  const bytes = fs.readFileSync(path.join(manyDir, 'meetings', `${target.id}.json`), 'utf8');
  const naiveStore = openNaiveStore(path.join(work, 'naive'), many);

  const one: number[] = [];
  const lots: number[] = [];
  const raw: number[] = [];
  const atomic: number[] = [];
  const naive: number[] = [];
  for (let round = 0; round < rounds; round++) {
    one.push(...timeDecisionSaves(oneDir, single!, runsPerRound));
    lots.push(...timeDecisionSaves(manyDir, target, runsPerRound));
    raw.push(...timeRawWrites(work, bytes, runsPerRound, false));
    atomic.push(...timeRawWrites(work, bytes, runsPerRound, true));
    naive.push(...naiveStore(naivePerRound));
  }
  const [o, l, r, a, n] = [one, lots, raw, atomic, naive].map(sorted) as [number[], number[], number[], number[], number[]];

  const perMeeting = median(l) / median(o);
  const overFloor = median(l) / median(r);
  const speedUp = median(n) / median(l);
  return [
    info('save one decision, 1 meeting on disk', ms(o)),
    info(`save one decision, ${big} meetings / ${big * 20} decisions on disk`, ms(l)),
    info(`raw floor: same ${(bytes.length / 1024).toFixed(1)} KB, writeFileSync + fsync`, ms(r)),
    info('  for reference: + temp file and rename (crash-safe)', ms(a)),
    info(`naive store: ${big} meetings in one electron-store file`, ms(n)),
    { figure: `ratio ${big} meetings / 1 meeting (medians)`, value: `${perMeeting.toFixed(2)}x`, budget: '<= 1.5x', verdict: verdict(quick, perMeeting <= 1.5) },
    { figure: `ratio ${big} meetings / raw floor (medians)`, value: `${overFloor.toFixed(2)}x`, budget: '<= 3x', verdict: verdict(quick, overFloor <= 3) },
    { figure: 'speed-up over the naive store (medians)', value: `${speedUp.toFixed(1)}x`, budget: '>= 20x', verdict: verdict(quick, speedUp >= 20) },
  ];
}
