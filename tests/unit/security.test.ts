import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  appFilePath,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  isSafeExternalUrl,
  isTrustedFrame,
  isTrustedUrl,
  securityHeaders,
} from '../../electron/security';

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it('has exactly the strict directives, each once', () => {
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it('allows nothing inline, evaluated or remote', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*|https?:|blob:|ws:/);
  });

  it('is sent with every app response, with nosniff', () => {
    expect(securityHeaders()).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
  });
});

describe('isTrustedUrl', () => {
  it.each([APP_ENTRY_URL, `${APP_ORIGIN}/`, `${APP_ORIGIN}/meetings/abc?x=1#top`, `${APP_ORIGIN}/assets/index-abc123.js`])(
    'trusts our own page %s',
    (url) => expect(isTrustedUrl(url)).toBe(true),
  );

  it.each([
    'https://empty-chair/index.html',
    'http://localhost:5173/',
    'file:///work/main/dist/renderer/index.html',
    'app://evil/index.html',
    'app://empty-chair.evil.example/',
    'app://evil.example/empty-chair/',
    'app://user:pass@empty-chair/',
    'app://empty-chair:8080/',
    'apps://empty-chair/',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'not a url',
    '',
  ])('does not trust %s', (url) => expect(isTrustedUrl(url)).toBe(false));

  it('does not trust non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['app://empty-chair/']]) expect(isTrustedUrl(value)).toBe(false);
  });
});

describe('isTrustedFrame', () => {
  const top = { url: APP_ENTRY_URL, parent: null };

  it('trusts only our own top-level frame', () => {
    expect(isTrustedFrame(top)).toBe(true);
    expect(isTrustedFrame({ url: APP_ENTRY_URL, parent: top })).toBe(false);
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
    expect(isTrustedFrame(undefined)).toBe(false);
  });

  it('does not trust a frame that throws when inspected (a destroyed WebFrameMain)', () => {
    const destroyed = Object.defineProperty({ parent: null }, 'url', {
      get() {
        throw new Error('Render frame was disposed');
      },
    }) as { url: string; parent: null };
    expect(isTrustedFrame(destroyed)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com/', 'https://docs.example.com/path?q=1#x', 'mailto:lead@example.com'])('allows %s', (url) =>
    expect(isSafeExternalUrl(url)).toBe(true),
  );

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/etc/passwd',
    'app://empty-chair/index.html',
    'https://user:pass@example.com/',
    'https://trusted.example@evil.example/',
    'mailto:',
    'https//missing-colon.example',
    '',
  ])('refuses %s', (url) => expect(isSafeExternalUrl(url)).toBe(false));

  it('refuses non-strings and absurdly long input', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl({ toString: () => 'https://example.com' })).toBe(false);
    expect(isSafeExternalUrl(`https://example.com/${'a'.repeat(10_000)}`)).toBe(false);
  });
});

describe('appFilePath', () => {
  const root = path.resolve('/srv/app/dist/renderer');

  it('maps our URLs to files inside the renderer folder', () => {
    expect(appFilePath(root, `${APP_ORIGIN}/`)).toBe(path.join(root, 'index.html'));
    expect(appFilePath(root, APP_ORIGIN)).toBe(path.join(root, 'index.html'));
    expect(appFilePath(root, `${APP_ORIGIN}/index.html?x=1#y`)).toBe(path.join(root, 'index.html'));
    expect(appFilePath(root, `${APP_ORIGIN}/assets/index-abc.js`)).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(appFilePath(root, `${APP_ORIGIN}/assets/My%20Font.woff2`)).toBe(path.join(root, 'assets', 'My Font.woff2'));
  });

  it('keeps dot segments inside the folder: the URL parser resolves them against the root first', () => {
    expect(appFilePath(root, `${APP_ORIGIN}/../../../etc/passwd`)).toBe(path.join(root, 'etc', 'passwd'));
    expect(appFilePath(root, `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`)).toBe(path.join(root, 'etc', 'passwd'));
  });

  it.each([
    `${APP_ORIGIN}/assets/..%2f..%2f..%2fetc%2fpasswd`,
    `${APP_ORIGIN}/assets/..%5c..%5csecret`,
    `${APP_ORIGIN}/assets%2f..%2f..%2fsecret`,
    `${APP_ORIGIN}/a\\..\\..\\secret`,
    `${APP_ORIGIN}/index.html%00.png`,
    `${APP_ORIGIN}/%E0%A4%A`,
    'app://evil/index.html',
    'file:///etc/passwd',
    'https://empty-chair/index.html',
  ])('refuses %s', (url) => {
    expect(appFilePath(root, url)).toBeNull();
  });

  it('never returns a path outside the root, whatever the URL', () => {
    const tricky = ['..', '%2e%2e', '.%2e', '%2e.', '..%2f', '..\\', '%252e%252e', '/', '//', '.'];
    for (const a of tricky) {
      for (const b of tricky) {
        const file = appFilePath(root, `${APP_ORIGIN}/${a}/${b}/etc/passwd`);
        if (file !== null) {
          expect(file.startsWith(root + path.sep), file).toBe(true);
        }
      }
    }
  });
});

describe('contentTypeFor', () => {
  it('names the types the renderer build contains', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/assets/index-abc.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/icon.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
