/**
 * Browser mode runs a server built ahead (scripts/build-server.mjs): nothing is compiled at start,
 * and a start rebuilds only when a source is newer than the bundle.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build-renderer.mjs';
import { SERVER_DIR, SERVER_ENTRY, ensureServerBuilt, serverIsStale } from '../../scripts/build-server.mjs';

describe('the built server', () => {
  it('is rebuilt when older than its sources, and only then', async () => {
    await ensureServerBuilt();
    expect(serverIsStale()).toBe(false);
    const built = fs.statSync(SERVER_ENTRY).mtimeMs;
    await ensureServerBuilt();
    expect(fs.statSync(SERVER_ENTRY).mtimeMs).toBe(built); // nothing changed: nothing built

    const longAgo = new Date('2001-01-01T00:00:00Z');
    fs.utimesSync(SERVER_ENTRY, longAgo, longAgo); // as if every source had been edited since
    expect(serverIsStale()).toBe(true);
    await ensureServerBuilt();
    expect(serverIsStale()).toBe(false);
    expect(fs.statSync(SERVER_ENTRY).mtimeMs).toBeGreaterThan(longAgo.getTime());
  });

  it('is rebuilt after an install changed a package it bundles (the lock file is newer)', async () => {
    await ensureServerBuilt();
    expect(serverIsStale()).toBe(false);
    const lock = path.join(ROOT, 'package-lock.json');
    const later = new Date(Math.max(Date.now(), fs.statSync(SERVER_ENTRY).mtimeMs));
    fs.utimesSync(lock, later, later); // content unchanged: only its time, as an install leaves it
    expect(serverIsStale()).toBe(true);
    await ensureServerBuilt();
    expect(serverIsStale()).toBe(false);
  });

  it('starts without TypeScript: no tsx, and it leaves a code cache for the next start', async () => {
    await ensureServerBuilt();
    const bundle = fs.readFileSync(SERVER_ENTRY, 'utf8');
    expect(bundle).not.toMatch(/from ['"]tsx|require\(['"]tsx/);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-server-build-'));
    const child = spawn(process.execPath, ['scripts/web.mjs', '--data-dir', dataDir, '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EMPTY_CHAIR_DATA_DIR: '', NODE_OPTIONS: '' },
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/Open http:\/\/127\.0\.0\.1:\d+/.test(output)) resolve();
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then((code) => reject(new Error(`browser mode exited (${code}): ${output}`)));
    });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).not.toContain('Building the Empty Chair server');
    expect(fs.readdirSync(SERVER_DIR).some((name) => name.endsWith(`${process.version}-${process.arch}.cache`))).toBe(true);
  });
});
