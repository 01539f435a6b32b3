import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface WebApp {
  /** The URL that opens the app, token included. */
  appUrl: string;
  /** Origin of the server, e.g. http://127.0.0.1:41234 */
  origin: string;
  token: string;
  dataDir: string;
  output: () => string;
  /** Ctrl+C, as a user would; resolves with the exit code once the process is gone. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash or a power cut would: no clean-up at all. Resolves once the process is gone. */
  kill(): Promise<void>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-e2e-'));
}

/** Runs the real browser-mode entry (`npm run web`) on a data folder and waits for its URL line. */
export async function startWebApp(dataDir: string, extraArgs: string[] = []): Promise<WebApp> {
  const child: ChildProcess = spawn(process.execPath, ['scripts/web.mjs', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EMPTY_CHAIR_DATA_DIR: '' },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const appUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code} before printing its URL:\n${output}`));
    });
  });
  const url = new URL(appUrl);
  return {
    appUrl,
    origin: url.origin,
    token: new URLSearchParams(url.hash.slice(1)).get('token') ?? '',
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
