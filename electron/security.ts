/**
 * Pure security rules of the desktop shell: which URLs are the app's own, which may leave for the
 * system browser, the Content Security Policy, and how an app:// URL maps to a bundled file.
 * No 'electron' import, so every rule here is unit-tested in plain Node.
 */
import path from 'node:path';

/** The renderer is served from a privileged custom scheme, never file:// (security checklist item 18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'empty-chair';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Strict: only our own files; no inline script or style, no plugins, no framing, no form posts. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 8_192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for URLs of the app's own origin (app://empty-chair/...), with no credentials or port. */
export function isTrustedUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  );
}

/** What the IPC adapter knows of a frame: Electron's WebFrameMain fits this shape. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/**
 * A frame may call the API only when it is a top-level frame showing our own page: an iframe
 * (even one of ours) or any other origin is refused (security checklist: validate every IPC sender).
 */
export function isTrustedFrame(frame: FrameLike | null | undefined): boolean {
  try {
    return frame != null && frame.parent === null && isTrustedUrl(frame.url);
  } catch {
    // A destroyed WebFrameMain throws on property access; a frame we cannot inspect is not trusted.
    return false;
  }
}

/**
 * Links the user may open in the system browser or mail client: https with a host and no
 * credentials (user:pass@host hides the real host from a quick look), or mailto.
 */
export function isSafeExternalUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

/**
 * The file under `rootDir` an app:// URL asks for, or null when the URL is not ours or its path
 * escapes the folder (`..`, encoded slashes or backslashes, NUL). "/" means index.html.
 */
export function appFilePath(rootDir: string, url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || !isTrustedUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // Encoded separators and NUL have no business in a bundled file's name.
  if (pathname.includes('\0') || pathname.includes('\\') || /%2f|%5c/i.test(parsed.pathname)) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...(segments.length > 0 ? segments : ['index.html']));
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

/** Content types of what the renderer build contains; anything else is served as bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every response of the app protocol: the CSP travels with the document itself. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}
