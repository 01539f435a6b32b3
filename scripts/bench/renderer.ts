/**
 * The renderer's figures, measured in real Chromium (the same binary and flags as the Playwright
 * tests) against browser mode on a temporary data folder:
 *   (a) the initial JavaScript of dist/renderer, gzipped;
 *   (b) from a 60-item / 300-decision meeting's data arriving (meetings.get answered) to the
 *       runner's first frame after it rendered (performance marks in the renderer, app/perf.ts);
 *   (c) keystroke to paint while typing the chair's answer: from each keydown's timestamp to the
 *       first task after the paint of the frame that follows the textarea's change, over >= 100 keys,
 *       with the autosave (and its echoes of the whole meeting) running as in real use; beside it
 *       the same typing in a bare textarea of the same browser, in turns (what the machine's load
 *       alone costs a keystroke at that moment), and the long tasks seen while typing.
 * --quick runs a few keystrokes and one load, and judges nothing.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Meeting, Persona } from '../../shared/domain';
import { ensureRendererBuilt, RENDERER_DIR } from '../build-renderer.mjs';
import { launchBrowserMode, type BrowserMode as Server } from './browserMode';
import { findChromium } from '../ensure-browser.mjs';
import { buildMeeting } from './generate';
import { quantile, verdict, type BenchRow } from './table';

/** The same flags as tests/playwright.config.ts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const BUDGET_KB = 150;
const BUDGET_READY_MS = 200;
export const BUDGET_KEY_MS = 16;

/** The JavaScript index.html loads at start: its module script and any modulepreloads, gzipped. */
export function initialJsGzipBytes(distDir = RENDERER_DIR): { files: string[]; bytes: number } {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]!.replace(/^\.?\//, ''));
  const bytes = files.reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join(distDir, file)), { level: 9 }).length, 0);
  return { files, bytes };
}

/** The big meeting (60 items, 300 decisions), running at its first item, imported through the API. */
export async function importBigMeeting(server: Server): Promise<Meeting> {
  const persona = await server.call<Persona>('personas.create', {
    name: 'Priya, SMB admin',
    segment: 'Small business',
    needs: ['Predictable invoices', 'Set up in an afternoon', 'A human when it breaks'],
    quotes: ['I just want it to work on Monday morning.', 'Every surprise on the invoice costs me a week.'],
  });
  const built = buildMeeting(0, persona.id, 60, 300);
  const first = built.agenda[0]!;
  first.answer = null;
  first.noImpactReason = null;
  const running: Meeting = { ...built, status: 'running', endedAt: null, currentItemId: first.id };
  return server.call<Meeting>('meetings.import', { meeting: running });
}

/** The chair's answer box on the meeting screen. */
export const CHAIR_ANSWER = 'aside textarea.chair-text';

/** What the benchmarks type: a real answer, `keys` characters of it. */
export const typedText = (keys: number) =>
  'It changes what she sees on the invoice every month, and she will ask support why. '.repeat(4).slice(0, keys);

/**
 * Browser mode on a temporary data folder with the big meeting imported, and real Chromium with a
 * 1280x720 tab that holds the token; `use` gets that tab and the meeting's URL. All of it is
 * stopped and removed after.
 */
export async function withBigMeeting<T>(use: (page: Page, meetingUrl: string) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-bench-renderer-'));
  const server = await launchBrowserMode(dataDir);
  try {
    return await withMeetingTab(server, use);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Real Chromium (the Playwright tests' binary and flags), closed after `use`. */
export async function withChromium<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found for the renderer benchmark (see scripts/ensure-browser.mjs).');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

/** The big meeting imported into a running browser mode, and a 1280x720 tab that holds its token. */
export async function withMeetingTab<T>(server: Server, use: (page: Page, meetingUrl: string) => Promise<T>): Promise<T> {
  return withChromium(async (browser) => {
    const meeting = await importBigMeeting(server);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(server.appUrl); // takes the token into the tab's session
    return await use(page, `${server.origin}/#/meetings/${meeting.id}`);
  });
}

/** Loads the meeting screen and returns the renderer's data-to-interactive measure, in ms. */
async function loadOnce(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.reload();
  const handle = await page.waitForFunction(
    () => performance.getEntriesByName('empty-chair:meeting-interactive')[0]?.duration ?? null,
    undefined,
    { timeout: 30_000 },
  );
  const value = (await handle.jsonValue()) as number;
  await page.waitForSelector(CHAIR_ANSWER);
  return value;
}

/**
 * Installs the keystroke probe on a textarea: from each keydown's timestamp to the first task after
 * the paint of the frame that follows the textarea's change. Also counts long tasks (> 50 ms).
 */
export async function installProbe(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click();
  await page.evaluate((selector) => {
    const area = document.querySelector<HTMLTextAreaElement>(selector)!;
    const probe = { latencies: [] as number[], longTasks: 0 };
    (window as unknown as { probe: typeof probe }).probe = probe;
    new PerformanceObserver((list) => (probe.longTasks += list.getEntries().length)).observe({ type: 'longtask' });
    let pressedAt: number | null = null;
    area.addEventListener('keydown', (event) => (pressedAt = event.timeStamp), true);
    // 'input' comes once the value has changed (and the app's handlers have run).
    area.addEventListener('input', () => {
      if (pressedAt === null) return;
      const from = pressedAt;
      pressedAt = null;
      // rAF runs just before the frame's paint; a task posted from it runs after that paint (the
      // same trick as app/perf.ts), so the sample covers the paint itself.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          const end = performance.now();
          probe.latencies.push(end - from);
          // Named in a Chromium trace too (scripts/bench/traceTyping.ts).
          performance.measure('keystroke', { start: from, end });
        };
        channel.port2.postMessage(null);
      });
    });
  }, selector);
}

export type Probe = { latencies: number[]; longTasks: number };
export const readProbe = (page: Page) => page.evaluate(() => (window as unknown as { probe: Probe }).probe);

/**
 * Waits, after a tab comes to the front, for its first frames: a hidden tab paints nothing, so
 * that frame repaints the whole page. Typed at once, the first key of each turn measured the
 * benchmark's own tab switch, 1 key in 20: exactly the p95 (docs/performance.md, finding 4).
 * A person back at a window does not type within its first frame either.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 200)))),
  );
}

/** Types a chunk of text into the focused field: by default about 12 keys a second, a fast typist. */
export type TypeChunk = (page: Page, chunk: string) => Promise<void>;
const steadily: TypeChunk = (page, chunk) => page.keyboard.type(chunk, { delay: 80 });

/**
 * Types the chair's answer in the app and, in turns of 20 keys, the same text in a bare textarea
 * on a blank page of the same browser (the control: what this machine's load alone costs a
 * keystroke at that moment). About 12 keys a second, a fast typist: in the app, autosave saves
 * (and its echoes of the whole meeting arrive) while typing goes on. `typeChunk` types each turn's
 * keys, the same way in both.
 */
export async function typeAndMeasure(
  app: Page,
  control: Page,
  text: string,
  typeChunk: TypeChunk = steadily,
): Promise<{ app: Probe; control: Probe }> {
  await control.setContent(
    '<!doctype html><title>control</title><textarea aria-label="control" style="width:40em;height:10em"></textarea>',
  );
  await installProbe(app, CHAIR_ANSWER);
  await installProbe(control, 'textarea');
  for (let at = 0; at < text.length; at += 20) {
    const chunk = text.slice(at, at + 20);
    for (const page of [app, control]) {
      await page.bringToFront();
      await settle(page);
      await typeChunk(page, chunk);
    }
  }
  await app.bringToFront();
  await app.waitForTimeout(1_200);
  if ((await app.locator(CHAIR_ANSWER).inputValue()) !== text)
    throw new Error('The answer did not end as typed: the benchmark would measure the wrong thing.');
  return { app: await readProbe(app), control: await readProbe(control) };
}

export async function benchRenderer({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  await ensureRendererBuilt();
  const { files, bytes } = initialJsGzipBytes();
  const kb = bytes / 1024;

  const { ready, typed } = await withBigMeeting(async (page, meetingUrl) => {
    const ready: number[] = [];
    const rounds = quick ? 1 : 12;
    // The first load warms the browser's caches; it is not counted unless quick.
    if (!quick) await loadOnce(page, meetingUrl);
    for (let round = 0; round < rounds; round++) ready.push(await loadOnce(page, meetingUrl));
    return { ready, typed: await typeAndMeasure(page, await page.context().newPage(), typedText(quick ? 8 : 120)) };
  });
  const latencies = typed.app.latencies;
  const control = typed.control.latencies;
  const longTasks = typed.app.longTasks;
  ready.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  control.sort((a, b) => a - b);

  const readyMedian = quantile(ready, 0.5);
  const keyP95 = quantile(latencies, 0.95);
  return [
    {
      figure: `renderer: initial JavaScript, gzipped (${files.length} file${files.length === 1 ? '' : 's'})`,
      value: `${kb.toFixed(1)} KB`,
      budget: `<= ${BUDGET_KB} KB`,
      verdict: verdict(quick, kb <= BUDGET_KB),
    },
    {
      figure: 'renderer: meeting data to runner interactive, 60 items / 300 decisions',
      value: `median ${readyMedian.toFixed(1)} ms, max ${ready.at(-1)!.toFixed(1)} ms (${ready.length} loads)`,
      budget: `<= ${BUDGET_READY_MS} ms (median)`,
      verdict: verdict(quick, readyMedian <= BUDGET_READY_MS),
    },
    {
      figure: `renderer: keystroke to paint in the chair's answer (${latencies.length} keys)`,
      value: `median ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${keyP95.toFixed(1)} ms, ${longTasks} long task${longTasks === 1 ? '' : 's'}`,
      budget: `p95 <= ${BUDGET_KEY_MS} ms`,
      verdict: verdict(quick, keyP95 <= BUDGET_KEY_MS),
    },
    {
      figure: `  control: bare textarea, same browser, typed in turns with it (${control.length} keys)`,
      value: `median ${quantile(control, 0.5).toFixed(1)} ms, p95 ${quantile(control, 0.95).toFixed(1)} ms`,
      budget: '-',
      verdict: '-',
    },
  ];
}

// Run on its own: node --import tsx scripts/bench/renderer.ts [--quick]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./table');
  printTable(await benchRenderer({ quick: process.argv.includes('--quick') }), 'Renderer benchmarks');
}
