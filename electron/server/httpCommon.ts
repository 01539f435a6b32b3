/**
 * What both HTTP servers share (browser mode's, electron/server/httpServer.ts, and the participant
 * server): limits, the page's CSP, constant-time token checks, the Host/Origin allow-list, JSON
 * answers, bounded bodies and the renderer's static files.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { ErrorCode, Result } from '../../shared/errors';
import { maxRequestBytes } from '../../shared/limits';

/** Every document the limits allow fits (shared/limits.ts derives it from them); a bigger body is refused with 413. */
export const MAX_REQUEST_BYTES = maxRequestBytes();
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * The page may talk only to this server; everything else is shut. Matches electron/ CSP, plus a
 * sandbox without allow-popups: in a plain browser tab, page script cannot open a window at all.
 */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
  'sandbox allow-scripts allow-same-origin allow-forms allow-downloads';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  gate_closed: 409,
  limit_exceeded: 413,
  rate_limited: 429,
  unknown_method: 404,
  unauthorized: 401,
  forbidden: 403,
  storage_error: 500,
  internal: 500,
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison: hashing first makes both sides the same length. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(expected), digest(given));
}

/**
 * DNS rebinding defence: the Host header must name this server, and a browser's Origin (when sent)
 * must be this server too. `allowed` holds "host:port" forms in lower case.
 */
export function hostAllowed(req: http.IncomingMessage, allowed: ReadonlySet<string>): boolean {
  return allowed.has((req.headers.host ?? '').toLowerCase());
}

export function originAllowed(req: http.IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser cross-origin request
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && allowed.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}

/** Headers on every answer: no sniffing, no Referer (the page URL carries a token in its fragment), no caching. */
export function setBaseHeaders(res: http.ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

export function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

export function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function serveStatic(res: http.ServerResponse, pathname: string, staticDir: string | undefined): void {
  if (!staticDir) return sendJson(res, 404, failure('not_found', 'Nothing here.'));
  const root = path.resolve(staticDir);
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return sendJson(res, 400, failure('invalid_input', 'Bad path.'));
  }
  let file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return sendJson(res, 404, failure('not_found', 'Nothing here.'));
  if (relative.endsWith('/') || !path.extname(file)) file = path.join(root, 'index.html');
  fs.readFile(file, (error, data) => {
    if (error) return sendJson(res, 404, failure('not_found', 'Nothing here.'));
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const headers: http.OutgoingHttpHeaders = { 'content-type': type, 'content-length': data.length };
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = WEB_CSP;
      headers['cross-origin-opener-policy'] = 'same-origin';
    }
    res.writeHead(200, headers);
    res.end(data);
  });
}
