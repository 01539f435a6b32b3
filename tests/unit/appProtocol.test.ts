import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../electron/appProtocol';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY } from '../../electron/security';

let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-protocol-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Empty Chair</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log("hi")');
  // A secret next to the renderer folder, which no URL may reach.
  fs.writeFileSync(path.join(base, 'secret.txt'), 'do not serve');
  handler = createAppProtocolHandler(root);
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

/** A Request as Electron hands it over, with the origin of the page that made it. */
function request(url: string, init: RequestInit & { initiatorOrigin?: string | null } = {}): Request {
  const { initiatorOrigin, ...rest } = init;
  const req = new Request(url, rest);
  if ('initiatorOrigin' in init) Object.defineProperty(req, 'initiatorOrigin', { value: initiatorOrigin });
  return req;
}

describe('app:// protocol handler', () => {
  it('serves the app shell with the CSP, its type and no-cache', async () => {
    const response = await handler(request(`${APP_ORIGIN}/`));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Empty Chair</title>');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves assets requested by our own page', async () => {
    const response = await handler(request(`${APP_ORIGIN}/assets/index-abc.js`, { initiatorOrigin: APP_ORIGIN }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log("hi")');
  });

  it('falls back to the shell for client-side routes, but not for missing assets', async () => {
    const route = await handler(request(`${APP_ORIGIN}/meetings/abc`));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Empty Chair</title>');
    const asset = await handler(request(`${APP_ORIGIN}/assets/missing.js`));
    expect(asset.status).toBe(404);
    expect(asset.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of [
      `${APP_ORIGIN}/../secret.txt`,
      `${APP_ORIGIN}/%2e%2e/secret.txt`,
      `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`,
      `${APP_ORIGIN}/..%5csecret.txt`,
    ]) {
      const response = await handler(request(url));
      const body = await response.text();
      expect(body, url).not.toContain('do not serve');
      // Refused, or resolved inside the folder (URL parsing drops the dots) and answered with the shell.
      expect(response.status === 404 || body.includes('<title>Empty Chair</title>'), url).toBe(true);
    }
  });

  it('refuses requests made by any other origin', async () => {
    for (const initiatorOrigin of ['https://evil.example', 'null', null, 'app://evil']) {
      const response = await handler(request(`${APP_ORIGIN}/assets/index-abc.js`, { initiatorOrigin }));
      expect(response.status, String(initiatorOrigin)).toBe(403);
      expect(await response.text()).not.toContain('console.log');
    }
  });

  it('answers only GET and HEAD', async () => {
    const post = await handler(request(`${APP_ORIGIN}/index.html`, { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    const head = await handler(request(`${APP_ORIGIN}/index.html`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
