import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

/**
 * Screenshots for the README and for a look at every screen in both themes.
 * Only with EMPTY_CHAIR_SCREENSHOTS=1, so ordinary test runs never rewrite docs/screenshot.png.
 */
test.skip(process.env.EMPTY_CHAIR_SCREENSHOTS !== '1', 'set EMPTY_CHAIR_SCREENSHOTS=1 to take screenshots');

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OUT = path.join(ROOT, 'test-results', 'screenshots');

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

async function call(page: Page, method: string, input: unknown) {
  const response = await page.request.post(`${app!.origin}/api/${method}`, {
    headers: { authorization: `Bearer ${app!.token}` },
    data: input,
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { value: { id: string } }).value;
}

test('screens in light and dark', async ({ page }) => {
  fs.mkdirSync(OUT, { recursive: true });
  app = await startWebApp(tempDataDir());
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(app.appUrl);
  await expect(page.getByRole('heading', { name: 'No meetings yet' })).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'empty-light.png') });

  const buyer = await call(page, 'personas.create', {
    name: 'First-time buyer',
    segment: 'Consumer, mobile',
    needs: ['Pay without an account', 'See the total early'],
    quotes: ['Why do you need my phone number?'],
  });
  const admin = await call(page, 'personas.create', { name: 'IT admin', segment: 'Mid-market', needs: ['Single sign-on'], quotes: [] });
  await call(page, 'meetings.create', {
    title: 'Checkout redesign review',
    scheduledAt: '2026-11-24T09:30:00Z',
    lead: 'Ana Morales',
    participants: ['Ben Okafor', 'Chloé Martin', 'Dev Patel'],
    personaIds: [buyer.id, admin.id],
    agenda: [
      { title: 'Guest checkout', owner: 'Ben Okafor', timeboxMinutes: 20, notes: 'Numbers from the last usability test.' },
      { title: 'Address autocomplete', owner: 'Chloé Martin', timeboxMinutes: 15 },
      { title: 'Error messages and recovery', owner: 'Dev Patel', timeboxMinutes: 10, notes: 'Copy review with support.' },
    ],
  });
  const list = page.getByRole('link', { name: 'Checkout redesign review' });
  await expect(list).toBeVisible();
  await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshot.png') });

  await list.click();
  await expect(page.getByRole('button', { name: 'Edit meeting' })).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'detail-light.png') });
  await page.getByRole('button', { name: /More actions/ }).click();
  await page.getByRole('button', { name: 'Delete meeting' }).click();
  await page.screenshot({ path: path.join(OUT, 'delete-dialog-light.png') });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Edit meeting' }).click();
  await expect(page.getByLabel('Item 3 title')).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'editor-light.png') });
  await page.getByLabel('Title', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: path.join(OUT, 'editor-error-light.png') });
  await page.screenshot({ path: path.join(OUT, 'editor-full-light.png'), fullPage: true });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(OUT, 'editor-error-dark.png') });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').getByRole('button', { name: 'Discard changes' }).click();
  await page.screenshot({ path: path.join(OUT, 'detail-dark.png') });
  await page.getByRole('button', { name: 'Back to meetings' }).click();
  await expect(page.getByRole('link', { name: 'Checkout redesign review' })).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'list-dark.png') });

  // The longest texts the limits allow still fit at 1280×720.
  await call(page, 'meetings.create', {
    title: 'Quarterly'.repeat(22).slice(0, 200),
    scheduledAt: '2026-12-31T23:30:00Z',
    lead: 'L'.repeat(100),
    agenda: [{ title: 'W'.repeat(200), owner: 'O'.repeat(100), timeboxMinutes: 480, notes: 'word '.repeat(80) }],
  });
  await expect(page.getByRole('link', { name: /^Quarterly/ })).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'list-long-dark.png') });
  await page.getByRole('link', { name: /^Quarterly/ }).click();
  await expect(page.getByRole('button', { name: 'Edit meeting' })).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'detail-long-dark.png') });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.getByRole('button', { name: 'Edit meeting' }).click();
  await expect(page.getByLabel('Item 1 title')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: path.join(OUT, 'editor-long-dark.png') });
});
