/**
 * Saving one decision: decisions.add through the real service (validate the input and the changed
 * meeting, update the ledger, append the whole meeting to its save journal and fdatasync it), in
 * a 1-meeting library and a 1,000-meeting one, against the floor (the same bytes with writeFileSync
 * + fsync) and a naive store (the whole library in one electron-store file). The compaction that
 * later folds the journal into the meeting's file through conf/electron-store, off the save's path
 * (after a 2 s pause, or every 2 MiB of journal, which the saves here do reach), is timed too.
 *
 * The disk's speed on a shared machine swings by 10x from one second to the next (other processes'
 * writes, ext4 journal commits), so the three are measured in lockstep: each iteration times one
 * save in each library and one raw write, back to back, and every timed write is followed by an
 * untimed one of the same size (the save's is taking the decision out again, which keeps the
 * meeting the same size). The ratios are of medians of these paired samples.
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { meetingSchema, type Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import { DocumentFile } from '../../electron/storage/documentStore';
import { generateLibrary } from './generate';
import { info, median, ms, verdict, type BenchRow } from './table';

/** Opens a library and returns a function that times one decision save in `meeting` (ms). */
function decisionSaver(dataDir: string, meeting: Meeting) {
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'bench', backupIntervalMs: null });
  const itemId = meeting.agenda[0]!.id;
  let count = 0;
  const time = (): number => {
    const started = performance.now();
    const result = dispatch(library.service, 'decisions.add', {
      meetingId: meeting.id,
      itemId,
      decision: { text: `Bench decision ${count++}`, tagIds: ['pricing'] },
    });
    const elapsed = performance.now() - started;
    if (!result.ok) throw new Error(result.error.message);
    const decisionId = (result.value as Meeting).agenda[0]!.decisions.at(-1)!.id;
    const removed = dispatch(library.service, 'decisions.remove', { meetingId: meeting.id, decisionId });
    if (!removed.ok) throw new Error(removed.error.message);
    return elapsed;
  };
  return { time, close: () => library.close() };
}

/**
 * The floor, as the issue defines it: the same bytes written raw with writeFileSync plus fsync.
 * `atomic` adds what a crash-safe save needs on top (a new temp file renamed into place).
 */
export function rawWriter(dir: string, bytes: string, atomic: boolean) {
  const target = path.join(dir, atomic ? 'raw-atomic.json' : 'raw.json');
  const write = () => {
    const written = atomic ? `${target}.tmp` : target;
    const fd = fs.openSync(written, 'w');
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (atomic) fs.renameSync(written, target);
  };
  return (): number => {
    const started = performance.now();
    write();
    const elapsed = performance.now() - started;
    write(); // untimed, as the save's untimed removal
    return elapsed;
  };
}

/**
 * The compaction: the meeting, one save in its journal, written into its file through conf (temp
 * file, fsync, rename) and the journal deleted. What every save cost before the journal.
 */
function compactionTimer(dir: string, meeting: Meeting) {
  const file = new DocumentFile(Conf, dir, meeting.id, meetingSchema, 'meeting');
  file.write(meeting); // creates the file
  return (): number => {
    file.write(meeting); // into the journal, untimed
    const started = performance.now();
    file.compact();
    return performance.now() - started;
  };
}

/** What a simple app does: the whole library in one electron-store (conf) file, read and set per change. */
function naiveSaver(dir: string, meetings: Meeting[]) {
  const store = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'naive', accessPropertiesByDotNotation: false });
  store.store = { meetings: Object.fromEntries(meetings.map((m) => [m.id, m])) };
  const target = meetings[Math.floor(meetings.length / 2)]!;
  let count = 0;
  return (): number => {
    const started = performance.now();
    const all = store.get('meetings') as Record<string, Meeting>;
    const meeting = all[target.id]!;
    meeting.agenda[0]!.decisions.push({ ...meeting.agenda[0]!.decisions[0]!, id: `naive-${count}`, text: `Bench decision ${count++}` });
    store.set('meetings', all);
    return performance.now() - started;
  };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

export function benchSave(work: string, { quick }: { quick: boolean }): BenchRow[] {
  const runs = quick ? 10 : 300;
  const naiveRuns = quick ? 3 : 15;
  const big = quick ? 20 : 1000;
  const oneDir = path.join(work, 'one');
  const manyDir = path.join(work, 'many');
  const [single] = generateLibrary(oneDir, { meetings: 1 });
  const many = generateLibrary(manyDir, { meetings: big });
  const target = many[Math.floor(many.length / 2)]!;
  // The floor writes what the save writes: the target meeting's file as the store writes it.
  const bytes = fs.readFileSync(path.join(manyDir, 'meetings', `${target.id}.json`), 'utf8');
  const compactDir = path.join(work, 'compaction');
  fs.mkdirSync(compactDir);

  const saveOne = decisionSaver(oneDir, single!);
  const saveMany = decisionSaver(manyDir, target);
  const compact = compactionTimer(compactDir, target);
  const raw = rawWriter(work, bytes, false);
  const atomic = rawWriter(work, bytes, true);
  const one: number[] = [];
  const lots: number[] = [];
  const floor: number[] = [];
  const crashSafe: number[] = [];
  const compactions: number[] = [];
  try {
    // Warm-up (JIT, first-write costs), untimed.
    for (let i = 0; i < 20; i++) for (const warm of [saveOne.time, saveMany.time, compact, raw, atomic]) warm();
    for (let i = 0; i < runs; i++) {
      // The order rotates so no kind always follows the same one.
      const steps = [
        () => one.push(saveOne.time()),
        () => lots.push(saveMany.time()),
        () => compactions.push(compact()),
        () => floor.push(raw()),
        () => crashSafe.push(atomic()),
      ];
      for (let k = 0; k < steps.length; k++) steps[(i + k) % steps.length]!();
    }
  } finally {
    saveOne.close();
    saveMany.close();
  }
  // The naive store on its own, after: each of its writes is the whole library (17 MB at 1,000
  // meetings, about a second), which would stretch the lockstep pairs above over seconds. Its
  // budget's margin is wide (100x and more against 20x), so its moment matters little.
  const naiveSave = naiveSaver(path.join(work, 'naive'), many);
  const naive = Array.from({ length: naiveRuns }, () => naiveSave());

  const [o, l, r, a, n, c] = [one, lots, floor, crashSafe, naive, compactions].map(sorted) as [
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  const perMeeting = median(l) / median(o);
  const overFloor = median(l) / median(r);
  const speedUp = median(n) / median(l);
  return [
    info('save one decision, 1 meeting on disk', ms(o)),
    info(`save one decision, ${big} meetings / ${big * 20} decisions on disk`, ms(l)),
    info(`raw floor: same ${(bytes.length / 1024).toFixed(1)} KB, writeFileSync + fsync`, ms(r)),
    info('  for reference: + new temp file and rename (crash-safe rewrite)', `${ms(a)}; ${(median(a) / median(r)).toFixed(2)}x the floor`),
    info('compaction, off the save path: journal into the file through conf', `${ms(c)}; ${(median(c) / median(r)).toFixed(2)}x the floor`),
    info(`naive store: ${big} meetings in one electron-store file`, ms(n)),
    {
      figure: `ratio ${big} meetings / 1 meeting (medians)`,
      value: `${perMeeting.toFixed(2)}x`,
      budget: '<= 1.5x',
      verdict: verdict(quick, perMeeting <= 1.5),
    },
    {
      figure: `ratio ${big} meetings / raw floor (medians)`,
      value: `${overFloor.toFixed(2)}x`,
      budget: '<= 3x',
      verdict: verdict(quick, overFloor <= 3),
    },
    {
      figure: 'speed-up over the naive store (medians)',
      value: `${speedUp.toFixed(1)}x`,
      budget: '>= 20x',
      verdict: verdict(quick, speedUp >= 20),
    },
  ];
}
