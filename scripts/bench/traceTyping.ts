/**
 * Where a keystroke's time goes: types 60 keys into the chair's answer of the benchmark's big
 * meeting (60 items, 300 decisions) while Chromium records a trace, writes the trace (open it in
 * DevTools' Performance panel or ui.perfetto.dev) and prints, for the main thread of the page:
 *   - its tasks while typing, grouped by what they did (input, frame, timers, messages...);
 *   - each slow key (over --slow ms, default 16): the tasks between its keydown and its paint.
 * Tracing slows everything down by a third or so; read the shares, not the absolute figures.
 *
 *   npm run bench:trace -- [--out FILE] [--slow MS]
 * Set EMPTY_CHAIR_RENDERER_DIR to an unminified build (vite build --minify false) for readable
 * function names in the trace.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureRendererBuilt } from '../build-renderer.mjs';
import { CHAIR_ANSWER, installProbe, typedText, withBigMeeting } from './renderer';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id2?: { local?: string };
  args?: { data?: { type?: string; functionName?: string } };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'blink.user_timing',
  'v8.execute',
  'input',
  'cc',
];

/** What a top-level task did, from the events inside it. */
function kindOf(inside: TraceEvent[]): string {
  const events = [...new Set(inside.filter((e) => e.name === 'EventDispatch').map((e) => e.args?.data?.type))];
  if (events.includes('keypress')) return 'key pressed (text inserted, input handlers)';
  if (inside.some((e) => e.name === 'ProxyMain::BeginMainFrame')) return 'frame (style, layout, paint, commit)';
  if (events.length > 0) return `event: ${events.join(', ')}`;
  if (inside.some((e) => e.name === 'TimerFire')) return 'timer (autosave, clock)';
  const call = inside.find((e) => e.name === 'FunctionCall');
  if (call) return `script: ${call.args?.data?.functionName || '(anonymous)'}`;
  return inside[0]?.name ?? '(idle task)';
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, slow: { type: 'string', default: '16' } } });
  const out = path.resolve(values.out ?? path.join(os.tmpdir(), 'empty-chair-typing-trace.json'));
  const slowMs = Number(values.slow);
  await ensureRendererBuilt();
  const events = await withBigMeeting(async (page, meetingUrl) => {
    await page.goto(meetingUrl);
    await page.waitForSelector(CHAIR_ANSWER);
    await installProbe(page, CHAIR_ANSWER);
    const collected: TraceEvent[] = [];
    const cdp = await page.context().newCDPSession(page);
    cdp.on('Tracing.dataCollected', (chunk) => collected.push(...(chunk.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
    await page.keyboard.type(typedText(60), { delay: 80 });
    await page.waitForTimeout(1_200);
    await cdp.send('Tracing.end');
    await complete;
    return collected;
  });
  fs.writeFileSync(out, JSON.stringify({ traceEvents: events }));
  report(events, slowMs);
  console.log(`\nTrace written to ${out}`);
}

function report(events: TraceEvent[], slowMs: number): void {
  // The page's main thread: the one that inserted the typed text.
  const inserts = events.filter((e) => e.name === 'TypingCommand::InsertText');
  if (inserts.length === 0) throw new Error('The trace holds no typing: nothing to report.');
  const { pid, tid } = inserts[0]!;
  const onPageThread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = onPageThread.filter((e) => e.name === 'RunTask');
  // Tasks do not nest, so one walk hands each event to the task it falls in.
  const kinds = new Map<TraceEvent, string>();
  let at = 0;
  for (const task of tasks) {
    while (at < onPageThread.length && onPageThread[at]!.ts < task.ts) at++;
    const inside: TraceEvent[] = [];
    for (let next = at; next < onPageThread.length && onPageThread[next]!.ts < task.ts + task.dur!; next++) {
      if (onPageThread[next] !== task) inside.push(onPageThread[next]!);
    }
    kinds.set(task, kindOf(inside));
  }

  // Chromium gives every measure of one name the same id. Keys paint in the order they were
  // pressed, so the n-th begin pairs with the n-th end, even when a key's measure starts before the
  // one before it has ended (two keys in one frame).
  const times = (phase: string) =>
    events
      .filter((e) => e.name === 'keystroke' && e.ph === phase)
      .map((e) => e.ts)
      .sort((a, b) => a - b);
  const ends = times('e');
  const keys = times('b').flatMap((from, index) => (ends[index] === undefined ? [] : [{ from, to: ends[index]! }]));
  console.log(`${keys.length} keys; main thread, while typing, by kind of task:`);
  const byKind = new Map<string, { total: number; count: number; max: number }>();
  for (const [task, kind] of kinds) {
    const row = byKind.get(kind) ?? { total: 0, count: 0, max: 0 };
    row.total += task.dur! / 1000;
    row.count += 1;
    row.max = Math.max(row.max, task.dur! / 1000);
    byKind.set(kind, row);
  }
  for (const [kind, row] of [...byKind].sort((a, b) => b[1].total - a[1].total).slice(0, 12)) {
    console.log(
      `  ${(row.total / Math.max(1, keys.length)).toFixed(2).padStart(6)} ms a key  ${String(row.count).padStart(5)} tasks  max ${row.max.toFixed(1).padStart(5)} ms  ${kind}`,
    );
  }
  const slow = keys.filter((key) => (key.to - key.from) / 1000 > slowMs);
  console.log(`\n${slow.length} keys over ${slowMs} ms, with the tasks between keydown and paint (ms from keydown):`);
  for (const key of slow) {
    console.log(`  key of ${((key.to - key.from) / 1000).toFixed(1)} ms`);
    for (const task of tasks.filter((t) => t.ts + t.dur! > key.from && t.ts < key.to && t.dur! >= 200)) {
      console.log(
        `    +${((task.ts - key.from) / 1000).toFixed(1).padStart(5)}  ${(task.dur! / 1000).toFixed(1).padStart(5)} ms  ${kinds.get(task)}`,
      );
    }
  }
}

await main();
