import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../build-renderer.mjs';

export interface BrowserMode {
  /** The URL that opens the app, token in the fragment. */
  appUrl: string;
  origin: string;
  token: string;
  pid: number;
  /** Calls a lead method over HTTP; throws on an error result. */
  call<T>(method: string, input: unknown): Promise<T>;
  /** Ctrl+C, as a user stops it; resolves once the process is gone. */
  stop(): Promise<void>;
}

/** Browser mode launched as `npm run web` launches it, on a data folder; resolves once it prints its URL. */
export async function launchBrowserMode(dataDir: string): Promise<BrowserMode> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'web.mjs'), '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, EMPTY_CHAIR_DATA_DIR: '' },
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
  return {
    appUrl: url.href,
    origin: url.origin,
    token,
    pid: child.pid!,
    call: async <T>(method: string, input: unknown): Promise<T> => {
      const response = await fetch(`${url.origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
      return body.value as T;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
