/**
 * The real desktop app through Playwright's _electron: plan a meeting in the UI, quit, start
 * again on the same data folder and find it unchanged; and check the window's security from the
 * page's side. Needs the Electron binary and a build (`npm run build`); skipped, saying why,
 * where the binary is missing.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ELECTRON_MISSING_REASON, findElectronBinary } from '../../scripts/electron-binary.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MAIN_BUNDLE = path.join(ROOT, 'dist-electron', 'main.js');
const executablePath = findElectronBinary();

if (!executablePath) console.log(`Skipped: ${ELECTRON_MISSING_REASON}.`);
test.skip(!executablePath, ELECTRON_MISSING_REASON);

interface RunningApp {
  app: ElectronApplication;
  page: Page;
}

async function launch(dataDir: string): Promise<RunningApp> {
  if (!fs.existsSync(MAIN_BUNDLE)) throw new Error(`${MAIN_BUNDLE} is missing: run \`npm run build\` before the desktop tests.`);
  const app = await electron.launch({
    executablePath: executablePath!,
    // Chromium refuses to start as root (CI containers) unless its OS sandbox is off.
    args: [ROOT, '--data-dir', dataDir, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    cwd: ROOT,
    env: { ...process.env, EMPTY_CHAIR_DATA_DIR: '' },
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

let dataDir: string;

test.beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-electron-'));
});

test.afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const TITLE = 'Checkout redesign review';
const PERSONA = 'Maya, returning shopper';
const ITEMS = ['Cart summary', 'Payment options', 'Order confirmation'];

/** The page's text, to check that things appear in order without depending on the markup. */
async function textOrder(page: Page, texts: string[]): Promise<number[]> {
  const body = await page.locator('body').innerText();
  return texts.map((text) => body.indexOf(text));
}

test('a meeting planned in the window is there, unchanged, after a restart', async () => {
  const first = await launch(dataDir);
  const { page } = first;
  await page
    .getByRole('button', { name: /new meeting/i })
    .first()
    .click();
  await page.getByLabel('Title', { exact: true }).fill(TITLE);

  await page.getByLabel(/persona name/i).fill(PERSONA);
  await page.getByRole('button', { name: /add persona/i }).click();
  await expect(page.getByRole('checkbox', { name: PERSONA })).toBeChecked();

  for (const [index, title] of ITEMS.entries()) {
    await page.getByRole('button', { name: /add agenda item/i }).click();
    await page.getByLabel(`Item ${index + 1} title`).fill(title);
  }
  await page.getByRole('button', { name: /save meeting/i }).click();
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();

  await first.app.close();
  // Quitting released the data folder for the next start.
  expect(fs.existsSync(path.join(dataDir, '.empty-chair.lock'))).toBe(false);

  // What is on disk, independent of the UI: one meeting file with the three items and the persona.
  const meetingFiles = fs.readdirSync(path.join(dataDir, 'meetings')).filter((name) => name.endsWith('.json'));
  expect(meetingFiles).toHaveLength(1);
  const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'meetings', meetingFiles[0]!), 'utf8'));
  expect(saved.title).toBe(TITLE);
  expect(saved.agenda.map((item: { title: string }) => item.title)).toEqual(ITEMS);
  expect(saved.personaIds).toHaveLength(1);

  const second = await launch(dataDir);
  try {
    await second.page.getByText(TITLE, { exact: true }).first().click();
    await expect(second.page.getByRole('heading', { name: TITLE })).toBeVisible();
    await expect(second.page.getByText(PERSONA).first()).toBeVisible();
    for (const title of ITEMS) await expect(second.page.getByText(title, { exact: true }).first()).toBeVisible();
    const positions = await textOrder(second.page, ITEMS);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  } finally {
    await second.app.close();
  }
});

test('the page gets the typed client and nothing else of Electron or Node', async () => {
  const { app, page } = await launch(dataDir);
  try {
    expect(page.url()).toMatch(/^app:\/\/empty-chair\//);
    const surface = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        client: Object.keys((w.emptyChair as object | undefined) ?? {}).sort(),
        require: typeof w.require,
        process: typeof w.process,
        ipcRenderer: typeof w.ipcRenderer,
        // http, not https: a safe link would open in the system browser, which a test must not do.
        popup: window.open('http://example.com/') === null,
      };
    });
    expect(surface).toEqual({
      client: ['invoke', 'openEvidenceFiles', 'subscribe'],
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      popup: true,
    });

    const library = await page.evaluate(() => window.emptyChair!.invoke('library.get', {}));
    expect(library.ok).toBe(true);

    const csp = await page.evaluate(async () => (await fetch('app://empty-chair/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("default-src 'self'");

    // Navigating away is refused: the page stays on the app.
    await page.evaluate(() => {
      window.location.href = 'http://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/empty-chair\//);
  } finally {
    await app.close();
  }
});

test('hostile text, injected links and window.open never make a second window or leave app://', async () => {
  const { app, page } = await launch(dataDir);
  try {
    const hostile = [
      '<a href="https://evil.example" target="_blank">evil link</a>',
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(2))',
    ];
    for (const title of hostile) {
      const created = await page.evaluate((input) => window.emptyChair!.invoke('meetings.create', input), {
        title,
        scheduledAt: '2030-01-01T09:00:00Z',
        agenda: [{ title: `Item: ${title}`, notes: title }],
      });
      expect(created.ok).toBe(true);
    }
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    for (const title of hostile) {
      await page.getByText(title, { exact: true }).first().click();
      await page.getByText(title, { exact: true }).first().click();
      await page.goBack();
    }
    const attempts = await page.evaluate(() => {
      // http, not https: a safe link would open in the system browser, which a test must not do.
      const popup = window.open('http://evil.example/');
      const link = Object.assign(document.createElement('a'), { href: 'http://evil.example/', target: '_blank' });
      document.body.append(link);
      link.click();
      window.location.href = 'javascript:alert(3)';
      return popup === null;
    });
    await page.waitForTimeout(500);
    expect(attempts).toBe(true);
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toMatch(/^app:\/\/empty-chair\//);
    expect(dialogs).toEqual([]);
    const live = await page.evaluate(
      () => document.querySelectorAll('[onerror], [onload], a[target], a[href^="javascript:"], #root img, #root iframe').length,
    );
    expect(live).toBe(0);
  } finally {
    await app.close();
  }
});
