import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { METHOD_NAMES } from '../../shared/api';
import type { Result } from '../../shared/errors';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { isLoopbackAddress, MAX_REQUEST_BYTES, startServer, type RunningServer } from '../../electron/server/httpServer';
import { START_INFO_PATH } from '../../shared/startInfo';
import { createParticipantSharing } from '../../electron/server/participantSharing';
import { callEveryMethod } from './everyMethod';
import { open, sampleDraft, tempDir } from './helpers';

let library: OpenLibrary;
let server: RunningServer;
let staticDir: string;

beforeEach(async () => {
  library = open(tempDir(), { sharing: createParticipantSharing() }); // every method runs, sharing.start included
  staticDir = tempDir('empty-chair-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Empty Chair</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startServer({ service: library.service, staticDir });
});
afterEach(async () => {
  await server.close();
  library.close();
});

async function api(method: string, input: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; value?: any; error?: { code: string } } };
}

/** A raw request, so the Host header can be anything (fetch would not let us forge it). */
function rawRequest(pathname: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathname, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Buffer.from(server.token, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(server.appUrl).toBe(`${server.url}/#token=${server.token}`);
  });

  it('reaches every declared method through HTTP', async () => {
    const results = await callEveryMethod(async (method, input) => (await api(method, input)).body as Result<unknown>);
    expect(results.filter(({ result }) => !result.ok)).toEqual([]);
    expect(new Set(results.map(({ method }) => method))).toEqual(new Set(METHOD_NAMES));
  });

  it('maps typed errors to HTTP statuses and keeps the Result body', async () => {
    expect(await api('meetings.get', { id: 'missing' })).toMatchObject({ status: 404, body: { ok: false, error: { code: 'not_found' } } });
    expect(await api('meetings.create', { title: '' })).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    expect(await api('nope.nothing', {})).toMatchObject({ status: 404, body: { error: { code: 'unknown_method' } } });
    // A malformed escape in the method name once stopped the whole process.
    expect(await rawRequest('/api/%E0%A4%A', { authorization: `Bearer ${server.token}`, host: `127.0.0.1:${server.port}` })).toBe(400);
    expect((await api('library.get', {})).status).toBe(200);
  });

  it('refuses an evidence import that names a path on this machine (a page sends its files), and reads nothing', async () => {
    const file = path.join(tempDir(), 'secret.csv');
    fs.writeFileSync(file, 'comment\nThe price is too high\n');
    for (const [method, input] of [
      ['evidence.preview', { input: { kind: 'path', path: file } }],
      ['evidence.import', { source: { name: 'S', kind: 'other' }, input: { kind: 'path', path: file } }],
      ['evidence.importAccounts', { input: { kind: 'path', path: file } }],
    ] as const) {
      expect(await api(method, input)).toMatchObject({ status: 403, body: { ok: false, error: { code: 'forbidden' } } });
    }
    expect((await api('evidence.library', {})).body.value.sources).toEqual([]);
  });

  it('answers 401 without the token or with a wrong one, and changes nothing', async () => {
    for (const authorization of ['', 'Bearer wrong', `Bearer ${server.token}x`, server.token]) {
      const response = await api('meetings.create', sampleDraft(), { authorization });
      expect(response).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthorized' } } });
    }
    expect(library.service.library().meetings).toEqual([]);
  });

  it('answers 403 to a foreign Host (DNS rebinding) or a foreign Origin', async () => {
    const auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    expect(await rawRequest('/api/library.get', { ...auth, host: `127.0.0.1:${server.port}` })).toBe(200);
    expect(await rawRequest('/api/library.get', { ...auth, host: `localhost:${server.port}` })).toBe(200);
    expect(await rawRequest('/api/library.get', { ...auth, host: `evil.example:${server.port}` })).toBe(403);
    expect(await rawRequest('/', { host: `evil.example:${server.port}` })).toBe(403);
    expect((await api('library.get', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('library.get', {}, { origin: server.url })).status).toBe(200);
  });

  it('tells a tab without the token only where the data folder is and what prints the link, to loopback clients', async () => {
    const dataDir = tempDir('empty-chair-where-');
    const told = await startServer({ service: library.service, dataDir });
    try {
      const response = await fetch(`${told.url}${START_INFO_PATH}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, value: { dataDir, command: 'npm start' } });
      // Nothing else is answered without the token, and other sites cannot read it.
      expect((await fetch(`${told.url}/api/library.get`, { method: 'POST', body: '{}' })).status).toBe(401);
      expect((await fetch(`${told.url}${START_INFO_PATH}`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
      expect((await fetch(`${told.url}${START_INFO_PATH}`, { method: 'POST', body: '{}' })).status).toBe(405);
    } finally {
      await told.close();
    }
    // A server not told the folder says so.
    expect(await (await fetch(`${server.url}${START_INFO_PATH}`)).json()).toEqual({
      ok: true,
      value: { dataDir: null, command: 'npm start' },
    });
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].map(isLoopbackAddress)).toEqual([true, true, true, true]);
    expect(['192.168.1.20', '10.0.0.1', '::ffff:192.168.1.20', 'fe80::1', '', undefined, '1127.0.0.1'].map(isLoopbackAddress)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('refuses a body over the limit and bad JSON with typed errors', async () => {
    const big = await fetch(`${server.url}/api/meetings.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: 'x'.repeat(MAX_REQUEST_BYTES + 1),
    });
    expect(big.status).toBe(413);
    const bad = await fetch(`${server.url}/api/meetings.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(library.service.library().meetings).toEqual([]);
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('Empty Chair');
    expect((await fetch(`${server.url}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
    const traversal = await rawGet('/..%2f..%2f..%2fetc%2fpasswd');
    expect(traversal.body).not.toContain('root:');
  });

  it('pushes events over a WebSocket that needs the token', async () => {
    const wsUrl = `${server.url.replace('http', 'ws')}/api/events`;
    await expect(connect(`${wsUrl}?token=wrong`)).rejects.toThrow(/401/);
    await expect(connect(wsUrl, { origin: 'http://evil.example' }, server.token)).rejects.toThrow(/403/);
    const ws = await connect(`${wsUrl}?token=${server.token}`);
    const events: string[] = [];
    const gotTwo = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const { event } = JSON.parse(String(data));
        if (event !== 'storage.changed') events.push(event); // backups announce themselves too
        if (events.length === 2) resolve();
      }),
    );
    await api('meetings.create', sampleDraft());
    await gotTwo;
    expect(events).toEqual(['meeting.changed', 'library.changed']);
    ws.close();
  });

  it('tells onAnswered which method it answered, once the answer is sent (browser mode starts the ledger build then)', async () => {
    const told: string[] = [];
    const second = await startServer({ service: library.service, onAnswered: (method) => told.push(method) });
    try {
      const response = await fetch(`${second.url}/api/library.get`, {
        method: 'POST',
        headers: { authorization: `Bearer ${second.token}` },
        body: '{}',
      });
      expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
      await expect.poll(() => told).toEqual(['library.get']);
    } finally {
      await second.close();
    }
  });

  it('closes a socket that sends a frame over 64 KB', async () => {
    const ws = await connect(`${server.url.replace('http', 'ws')}/api/events?token=${server.token}`);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send('x'.repeat(64 * 1024 + 1));
    expect(await closed).toBe(1009);
  });
});

function connect(url: string, headers: Record<string, string> = {}, token?: string): Promise<WebSocket> {
  const target = token ? `${url}?token=${token}` : url;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(target, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function rawGet(pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: server.port, path: pathname }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}
