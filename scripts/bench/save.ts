import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import { buildMeeting, generateLibrary } from './generate';
import { ms, quantile, type BenchRow } from './table';

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

/** What a simple app does: the whole library in one electron-store (conf) file, set per change. */
function timeNaiveStore(dir: string, meetings: Meeting[], runs: number): number[] {
  const store = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'naive', accessPropertiesByDotNotation: false });
  store.store = { meetings: Object.fromEntries(meetings.map((m) => [m.id, m])) };
  const target = meetings[Math.floor(meetings.length / 2)]!;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const all = store.get('meetings') as Record<string, Meeting>;
    const meeting = all[target.id]!;
    meeting.agenda[0]!.decisions.push({ ...meeting.agenda[0]!.decisions[0]!, id: `naive-${i}`, text: `Bench decision ${i}` });
    store.set('meetings', all);
    times.push(performance.now() - started);
    meeting.agenda[0]!.decisions.pop();
  }
  return times.sort((a, b) => a - b);
}

export function benchSave(work: string, { quick }: { quick: boolean }): BenchRow[] {
  const runs = quick ? 10 : 300;
  const big = quick ? 20 : 1000;
  const oneDir = path.join(work, 'one');
  const manyDir = path.join(work, 'many');
  const [single] = generateLibrary(oneDir, { meetings: 1 });
  const many = generateLibrary(manyDir, { meetings: big });
  const target = many[Math.floor(many.length / 2)]!;

  // Interleave the two libraries in rounds so drift in the machine's load hits both alike.
  const one: number[] = [];
  const lots: number[] = [];
  for (let round = 0; round < 3; round++) {
    one.push(...timeDecisionSaves(oneDir, single!, Math.ceil(runs / 3)));
    lots.push(...timeDecisionSaves(manyDir, target, Math.ceil(runs / 3)));
  }
  one.sort((a, b) => a - b);
  lots.sort((a, b) => a - b);
  const raw = timeRawWrites(work, fs.readFileSync(path.join(manyDir, 'meetings', `${target.id}.json`), 'utf8'), runs);
  const naive = timeNaiveStore(path.join(work, 'naive'), quick ? many : Array.from({ length: big }, (_, i) => buildMeeting(i, 'p')), quick ? 5 : 20);

  const med = (xs: number[]) => quantile(xs, 0.5);
  const judge = (ok: boolean, budget: string) => (quick ? 'not judged' : `${ok ? 'ok' : 'MISSED'} (${budget})`);
  const command = 'npm run bench';
  const decisions = big * 20;
  return [
    { figure: 'save one decision, 1 meeting on disk', value: ms(one), budget: '-', command },
    { figure: `save one decision, ${big} meetings / ${decisions} decisions on disk`, value: ms(lots), budget: '-', command },
    { figure: 'raw floor: same bytes, write + fsync + rename', value: ms(raw), budget: '-', command },
    { figure: `naive store: ${big} meetings in one electron-store file`, value: ms(naive), budget: '-', command },
    { figure: `  ratio ${big} meetings / 1 meeting`, value: `${(med(lots) / med(one)).toFixed(2)}x`, budget: judge(med(lots) / med(one) <= 1.5, '<= 1.5x'), command },
    { figure: `  ratio ${big} meetings / raw floor`, value: `${(med(lots) / med(raw)).toFixed(2)}x`, budget: judge(med(lots) / med(raw) <= 3, '<= 3x'), command },
    { figure: '  speed-up over the naive store', value: `${(med(naive) / med(lots)).toFixed(1)}x`, budget: judge(med(naive) / med(lots) >= 20, '>= 20x'), command },
  ];
}
