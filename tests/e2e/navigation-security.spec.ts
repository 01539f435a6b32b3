/**
 * Navigation security in browser mode, in real Chromium: hostile text saved through the API (links,
 * inline handlers, scripts, javascript: URLs as meeting titles, names and notes) must stay text;
 * clicking it must never leave the app, open a window or run anything; and the page's CSP must
 * stop javascript: URLs, inline handlers and eval even when markup does get into the page.
 * The desktop app has the same guards in the main process (tests/unit/main.test.ts, "guards").
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

const HOSTILE = [
  '[x](javascript:alert(1))',
  '<a href="https://evil.example" target="_blank">evil link</a>',
  '<img src=x onerror=alert(2)>',
  '<script>alert(3)</script>',
  '<svg onload=alert(4)><a xlink:href="javascript:alert(5)">svg</a></svg>',
  '<iframe src="javascript:alert(6)"></iframe>',
  'javascript:alert(7)',
];

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

/** Saves one meeting per hostile string, the string as title, lead, agenda item title and notes. */
async function seedHostileMeetings(page: Page, webApp: WebApp): Promise<void> {
  for (const [index, text] of HOSTILE.entries()) {
    const response = await page.request.post(`${webApp.origin}/api/meetings.create`, {
      headers: { authorization: `Bearer ${webApp.token}` },
      data: {
        title: text,
        scheduledAt: `2030-01-${String(index + 1).padStart(2, '0')}T09:00:00Z`,
        lead: text.slice(0, 100),
        participants: [text.slice(0, 100)],
        agenda: [{ title: `Item: ${text}`, notes: `Notes: ${text}\n${HOSTILE.join('\n')}` }],
      },
    });
    expect(response.status(), await response.text()).toBe(200);
  }
}

interface Watch {
  dialogs: string[];
  popups: string[];
  offsite: string[];
}

/** Records every dialog, new page and request that leaves the app's origin (those are refused). */
async function watch(page: Page, context: BrowserContext, origin: string): Promise<Watch> {
  const seen: Watch = { dialogs: [], popups: [], offsite: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  context.on('page', (opened) => {
    seen.popups.push(opened.url() || '(opening)');
    opened.on('dialog', (dialog) => {
      seen.dialogs.push(`popup ${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      seen.offsite.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  // Counts what the page's CSP blocks, to show it is the CSP doing it.
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  return seen;
}

/** Anything in the page that user text could have turned into something live. */
async function liveMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const sameOrigin = (url: string) => new URL(url, location.href).origin === location.origin;
    for (const element of document.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase();
      for (const name of element.getAttributeNames()) {
        const value = element.getAttribute(name) ?? '';
        if (/^on/i.test(name)) found.push(`<${tag} ${name}>`);
        if (/^(href|src|action|formaction|xlink:href|data)$/i.test(name) && /^\s*(javascript|vbscript|data):/i.test(value))
          found.push(`<${tag} ${name}="${value}">`);
      }
      // The app draws no frames, plugins or user images; any in the page came from text.
      if (['iframe', 'frame', 'object', 'embed', 'base'].includes(tag)) found.push(`<${tag}>`);
      if (tag === 'img' && !sameOrigin((element as HTMLImageElement).src)) found.push(`<img src="${element.getAttribute('src')}">`);
      if (tag === 'script') {
        const src = (element as HTMLScriptElement).src;
        if (!src || !sameOrigin(src)) found.push(`<script ${src || 'inline'}>`);
      }
      if (tag === 'a') {
        const link = element as HTMLAnchorElement;
        if (!sameOrigin(link.href)) found.push(`<a href="${link.getAttribute('href')}">`);
        if (link.target) found.push(`<a target="${link.target}">`);
      }
    }
    return found;
  });
}

async function expectStillHome(page: Page, context: BrowserContext, webApp: WebApp, seen: Watch): Promise<void> {
  expect(new URL(page.url()).origin).toBe(webApp.origin);
  expect(context.pages()).toEqual([page]);
  expect(seen.popups).toEqual([]);
  expect(seen.dialogs).toEqual([]);
  expect(seen.offsite).toEqual([]);
}

test('hostile meeting text stays text, and clicking it never leaves the app or opens a window', async ({ page, context }) => {
  app = await startWebApp(tempDataDir());
  await seedHostileMeetings(page, app);
  const seen = await watch(page, context, app.origin);
  await page.goto(app.appUrl);

  for (const text of HOSTILE) {
    // In the list: the title, shown as the literal text, is the link to the meeting.
    const title = page.getByText(text, { exact: true }).first();
    await expect(title).toBeVisible();
    await title.click();
    await expect(page.getByText(`Item: ${text}`, { exact: true }).first()).toBeVisible();
    await expectStillHome(page, context, app, seen);

    // On the meeting: click the title, the agenda item and its notes.
    await page.getByText(text, { exact: true }).first().click();
    await page.getByText(`Item: ${text}`, { exact: true }).first().click();
    await page.getByText(`Notes: ${text}`).first().click();
    await page.waitForTimeout(150);
    await expectStillHome(page, context, app, seen);
    expect(await liveMarkup(page)).toEqual([]);

    await page.goBack();
    await expect(page.getByText(text, { exact: true }).first()).toBeVisible();
  }
  expect(await liveMarkup(page)).toEqual([]);
  await expectStillHome(page, context, app, seen);
});

test('the CSP blocks javascript: URLs, inline handlers, inline scripts and eval even if markup gets in', async ({ page, context }) => {
  app = await startWebApp(tempDataDir());
  await seedHostileMeetings(page, app);
  const seen = await watch(page, context, app.origin);
  await page.goto(app.appUrl);
  await expect(page.getByText(HOSTILE[0]!, { exact: true }).first()).toBeVisible();
  const start = page.url();

  // A script in the page sends itself to a javascript: URL: CSP treats it as inline script.
  await page.evaluate(() => {
    window.location.href = 'javascript:alert(document.domain)';
  });
  // Markup as an XSS would inject it (the app itself never renders user text as HTML).
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'injected';
    box.innerHTML =
      '<img src="x" onerror="alert(8)"><a id="js-link" href="javascript:alert(9)">js link</a>' +
      '<svg><animate onbegin="alert(10)" attributeName="x" dur="1s"></animate></svg>';
    document.body.append(box);
    const script = document.createElement('script');
    script.textContent = 'alert(11)';
    document.body.append(script);
  });
  await page.locator('#js-link').click();
  // String code run later by the page itself (a timer), as injected code would: needs 'unsafe-eval'.
  // (Code that Playwright evaluates directly comes in through DevTools, which CSP does not govern.)
  await page.evaluate(() => {
    const win = window as unknown as { setTimeout: (code: string, ms: number) => number };
    win.setTimeout('window.__evalRan = true', 0);
  });
  // Wait for the browser's refusal of that string code (its CSP report), then check it did not run.
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.some((v) => v.includes('eval'))))
    .toBe(true);

  expect(await page.evaluate(() => (window as unknown as { __evalRan?: boolean }).__evalRan ?? false)).toBe(false);
  expect(page.url()).toBe(start);
  await expectStillHome(page, context, app, seen);
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  // javascript: navigation and link, inline handlers, the inline script and eval: each refused by script-src.
  expect(violations.filter((violation) => violation.startsWith('script-src')).length).toBeGreaterThanOrEqual(4);
  expect(violations.some((violation) => violation.includes('eval'))).toBe(true);
});

test('window.open from the page: the app never navigates away, and nothing it opens gets the app', async ({ page, context }) => {
  app = await startWebApp(tempDataDir());
  await seedHostileMeetings(page, app);
  const seen = await watch(page, context, app.origin);
  await page.goto(app.appUrl);
  await expect(page.getByText(HOSTILE[1]!, { exact: true }).first()).toBeVisible();
  const start = page.url();

  const opened = await page.evaluate(() => {
    const popup = window.open('https://evil.example/');
    // A javascript: URL in a new window runs with the page's CSP (the blank window inherits it).
    const javascriptPopup = window.open('javascript:window.opener.__popupScriptRan = true');
    return { popup: popup !== null, javascriptPopup: javascriptPopup !== null };
  });
  await page.waitForTimeout(300);

  // The app page itself stays where it was, nothing ran, nothing reached evil.example.
  expect(page.url()).toBe(start);
  expect(await page.evaluate(() => (window as unknown as { __popupScriptRan?: boolean }).__popupScriptRan ?? false)).toBe(false);
  expect(seen.dialogs).toEqual([]);
  for (const other of context.pages().filter((candidate) => candidate !== page)) {
    // Browser mode cannot stop a script already running in the page from opening a window (the
    // desktop app denies it in the main process): whatever opened is an empty error page, never
    // the app, and is closed here. The next test says what would stop it.
    expect(other.url()).not.toContain(app.origin);
    await other.close();
  }
  expect(seen.offsite.every((url) => new URL(url).hostname === 'evil.example')).toBe(true);
  expect(context.pages()).toEqual([page]);
  test.info().annotations.push({ type: 'popups', description: JSON.stringify(opened) });
});

test('a script in the page cannot open any window at all (needs the CSP sandbox directive)', async ({ page, context }) => {
  app = await startWebApp(tempDataDir());
  // Known gap while browser mode's CSP header (WEB_CSP in electron/server/httpServer.ts) has no
  // `sandbox` directive: Chromium then lets page script open windows, and this test is expected to
  // fail. With `sandbox allow-scripts allow-same-origin allow-forms allow-downloads allow-modals` (no
  // allow-popups; allow-modals is for print()) the browser refuses all three ways below, and it must pass.
  const csp = (await page.request.get(`${app.origin}/`)).headers()['content-security-policy'] ?? '';
  const sandboxed = /(^|;)\s*sandbox\b/.test(csp) && !/allow-popups/.test(csp);
  test.fail(!sandboxed, 'browser mode sends no CSP sandbox directive yet (docs/security.md, "Browser mode")');
  const seen = await watch(page, context, app.origin);
  await page.goto(app.appUrl);
  await expect(page.locator('#root')).not.toBeEmpty();

  const results = await page.evaluate(() => {
    const direct = window.open('https://evil.example/') === null;
    const frame = document.body.appendChild(document.createElement('iframe'));
    const viaFrame = frame.contentWindow?.open('https://evil.example/') == null;
    const link = Object.assign(document.createElement('a'), { href: 'https://evil.example/', target: '_blank' });
    document.body.append(link);
    link.click();
    return { direct, viaFrame };
  });
  await page.waitForTimeout(300);
  expect(results).toEqual({ direct: true, viaFrame: true });
  expect(context.pages()).toEqual([page]);
  expect(seen.popups).toEqual([]);
});
