import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { MeetingSummary } from '../../shared/domain';
import { ROOT } from '../build-renderer.mjs';
import { generateLibrary } from './generate';
import { quantile, type BenchRow } from './table';

interface Started {
  /** Launch to the first meeting list served, in ms. */
  ms: number;
  origin: string;
  token: string;
  pid: number;
  stop(): Promise<void>;
}

/** Launches browser mode as a user would (npm run web) and times it to the first library.get. */
async function launch(dataDir: string): Promise<Started> {
  const began = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'web.mjs'), '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(out);
      if (match) resolve(new URL(match[1]!));
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}): ${out}`)));
  });
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const response = await fetch(`${url.origin}/api/library.get`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
  if (!response.ok) throw new Error(`library.get answered ${response.status}`);
  await response.json();
  const ms = performance.now() - began;
  return {
    ms,
    origin: url.origin,
    token,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export async function benchStart(work: string, { quick }: { quick: boolean }): Promise<BenchRow[]> {
  const big = quick ? 20 : 1000;
  const rounds = quick ? 1 : 5;
  const emptyDir = path.join(work, 'start-empty');
  const bigDir = path.join(work, 'start-big');
  fs.mkdirSync(emptyDir, { recursive: true });
  generateLibrary(bigDir, { meetings: big });

  const empty: number[] = [];
  const loaded: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [dir, into] of [[emptyDir, empty], [bigDir, loaded]] as const) {
      const started = await launch(dir);
      into.push(started.ms);
      await started.stop();
    }
  }
  empty.sort((a, b) => a - b);
  loaded.sort((a, b) => a - b);

  // Memory: every meeting read into memory through the API, as a user opening each one would.
  const started = await launch(bigDir);
  const call = async (method: string, input: unknown) =>
    (await (await fetch(`${started.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${started.token}` }, body: JSON.stringify(input) })).json()) as { value: any };
  const meetings = (await call('library.get', {})).value.meetings as MeetingSummary[];
  for (const meeting of meetings) await call('meetings.get', { id: meeting.id });
  const rss = residentMb(started.pid);
  await started.stop();

  const med = (xs: number[]) => quantile(xs, 0.5);
  const ratio = med(loaded) / med(empty);
  return [
    { figure: 'start browser mode to first meeting list, empty library', value: `median ${med(empty).toFixed(0)} ms`, budget: '-', command: 'npm run bench' },
    { figure: `start browser mode to first meeting list, ${big} meetings`, value: `median ${med(loaded).toFixed(0)} ms`, budget: '-', command: 'npm run bench' },
    { figure: `  ratio ${big} meetings / empty`, value: `${ratio.toFixed(2)}x`, budget: quick ? 'not judged' : `${ratio <= 2 ? 'ok' : 'MISSED'} (<= 2x)`, command: 'npm run bench' },
    { figure: `resident memory, browser mode, ${meetings.length} meetings loaded`, value: `${rss.toFixed(0)} MB`, budget: '-', command: 'npm run bench' },
  ];
}
