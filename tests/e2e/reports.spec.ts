/**
 * The Reports screen in real Chromium against browser mode: a report of 120 meetings made from the
 * keyboard, read in batches (reports.meetings) with its progress shown and Cancel focused while it
 * runs, downloaded whole; the progress and the outcome have no axe violations.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { api, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

const apps: WebApp[] = [];
test.afterEach(async () => {
  for (const app of apps.splice(0)) {
    await app.stop();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }
});

const MEETINGS = 120;

async function noAxeViolations(page: Page, selector: string) {
  const axe = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test(`a report of ${MEETINGS} meetings is read in batches with progress, from the keyboard, and downloaded whole`, async ({ page }) => {
  const app = await startWebApp(tempDataDir());
  apps.push(app);
  for (let i = 0; i < MEETINGS; i++) {
    const scheduledAt = new Date(Date.UTC(2026, 9, 1 + (i % 60), 9 + (i % 8))).toISOString();
    await api(page.request, app, 'meetings.create', { title: `Weekly ${i + 1}`, scheduledAt, agenda: [{ title: 'Item' }] });
  }
  const problems = watchForProblems(page);
  // The second batch waits until the progress has been looked at: a fast machine would finish first.
  let releaseSecond: () => void = () => {};
  const secondMayGo = new Promise<void>((resolve) => (releaseSecond = resolve));
  const batches: string[][] = [];
  await page.route('**/api/reports.meetings', async (route) => {
    batches.push((JSON.parse(route.request().postData() ?? '{}') as { ids: string[] }).ids);
    if (batches.length === 2) await secondMayGo;
    await route.continue();
  });

  await page.goto(app.appUrl);
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('radio', { name: 'One by one' }).check();
  await page.getByRole('button', { name: 'Choose all' }).click();
  await expect(page.getByText(`${MEETINGS} of ${MEETINGS} meetings chosen`)).toBeVisible();
  await page.getByRole('button', { name: 'Build report' }).focus();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');

  const progress = page.getByRole('region', { name: 'Report progress' });
  await expect(progress.getByText(`Building the report: 6 of ${MEETINGS} meetings`)).toBeVisible();
  await expect(progress.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await noAxeViolations(page, '.exp-run');
  releaseSecond();

  const file = await (await download).path();
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain(`meetings: ${MEETINGS}`);
  for (let i = 1; i <= MEETINGS; i++) expect(text).toContain(`| Weekly ${i} |`);
  // Focus lands on the outcome, so it is read out.
  await expect(page.locator('.exp-result')).toBeFocused();
  await expect(page.locator('.exp-result')).toContainText(`Report ready: ${MEETINGS} of ${MEETINGS} meetings.`);
  await noAxeViolations(page, '.exp-run');
  // 120 meetings in 20 batches of 6, each meeting asked for once.
  expect(batches).toHaveLength(20);
  expect(new Set(batches.flat()).size).toBe(MEETINGS);
  expect(problems).toEqual([]);
});
