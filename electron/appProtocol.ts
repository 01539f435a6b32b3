/**
 * The app:// protocol handler: serves the built renderer (dist/renderer) with the CSP on every
 * response. Written against the standard Request/Response types, with no 'electron' import, so
 * it is unit-tested in Node; main.ts hands it to `protocol.handle`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { APP_ORIGIN, appFilePath, contentTypeFor, securityHeaders } from './security';

/** Electron adds the origin of the page that made the request; absent for requests the browser starts itself. */
type AppRequest = Request & { initiatorOrigin?: string | null };

function refuse(status: number, text: string, method = 'GET'): Response {
  return new Response(method === 'HEAD' ? null : text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rootDir);
  const indexFile = path.join(root, 'index.html');
  return async (request: AppRequest) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'Method not allowed');
    // Only our own page (or the browser itself) may load app:// files; another origin gets nothing.
    const initiator = request.initiatorOrigin;
    if (initiator !== undefined && initiator !== APP_ORIGIN) return refuse(403, 'Forbidden', method);
    const requested = appFilePath(root, request.url);
    if (!requested) return refuse(404, 'Not found', method);
    let file = requested;
    if (!(await isFile(file))) {
      // Client-side routes have no extension and get the app shell; a missing asset stays a 404.
      if (path.extname(file) !== '') return refuse(404, 'Not found', method);
      file = indexFile;
    }
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return refuse(404, 'Not found', method);
    }
    const headers: Record<string, string> = { ...securityHeaders(), 'Content-Type': contentTypeFor(file) };
    // The shell must never be stale after an update; hashed assets may be cached.
    if (file === indexFile) headers['Cache-Control'] = 'no-cache';
    return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
