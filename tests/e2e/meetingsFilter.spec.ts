/**
 * Issue 18 §3: "Next in series" gave the new meeting the exact title, so the meetings list showed
 * two identical rows, and the list had no way to find one meeting among many. The next meeting
 * now carries its day in the title (editable in the dialog), and the list has a filter box.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import type { Meeting } from '../../shared/domain';
import { api, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

test('the next meeting of a series gets a title of its own, and the list filters by title with the keyboard', async ({ page, request }) => {
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  const first = await api<Meeting>(request, app, 'meetings.create', {
    title: 'Weekly support sync',
    scheduledAt: '2026-11-02T09:00:00Z',
    lead: 'Ana',
    agenda: [{ title: 'Refund queue' }],
  });
  await api(request, app, 'meetings.create', { title: 'Pricing go/no-go', scheduledAt: '2026-11-03T09:00:00Z', lead: 'Dev', agenda: [] });

  await page.goto(app.appUrl);
  await page.getByRole('link', { name: 'Weekly support sync' }).click();
  await page.getByRole('button', { name: 'Next in series…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create the next meeting of the series' });
  await dialog.getByLabel('When').fill('2026-11-09T09:00');
  // The suggested title follows the day chosen, and is the lead's to change.
  await expect(dialog.getByLabel('Title')).toHaveValue('Weekly support sync (2026-11-09)');
  await dialog.getByLabel('When').fill('2026-11-10T09:00');
  await expect(dialog.getByLabel('Title')).toHaveValue('Weekly support sync (2026-11-10)');
  const axeDialog = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(WCAG).analyze();
  expect(axeDialog.violations.map((violation) => violation.id)).toEqual([]);
  await dialog.getByRole('button', { name: 'Create next meeting' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly support sync (2026-11-10)');
  await expect(page).not.toHaveURL(new RegExp(first.id));

  // The list shows the two meetings of the series as two different rows.
  await page.getByRole('navigation').getByRole('link', { name: 'Meetings' }).click();
  const titles = page.locator('.meeting-title-cell');
  await expect(titles).toHaveText(['Weekly support sync (2026-11-10)', 'Pricing go/no-go', 'Weekly support sync']);
  const filter = page.getByRole('searchbox', { name: 'Filter meetings' });
  const count = page.locator('.meetings-count');
  await expect(count).toHaveText('3 meetings');

  // Keyboard only: Tab reaches the box from the page's heading; typing filters, case and accents aside.
  await page.getByRole('heading', { level: 1, name: 'Meetings' }).focus();
  for (let i = 0; i < 12 && !(await filter.evaluate((element) => element === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(filter).toBeFocused();
  await page.keyboard.type('SUPPORT');
  await expect(titles).toHaveText(['Weekly support sync (2026-11-10)', 'Weekly support sync']);
  await expect(count).toHaveText('Showing 2 of 3 meetings');
  await page.keyboard.type(' 11-10');
  await expect(titles).toHaveText(['Weekly support sync (2026-11-10)']);
  await expect(count).toHaveText('Showing 1 of 3 meetings');

  await filter.fill('retro');
  await expect(page.getByText('No meetings match “retro”.')).toBeVisible();
  await expect(count).toHaveText('Showing 0 of 3 meetings');
  await expect(page.locator('.meetings-table')).toHaveCount(0);
  const axeEmpty = await new AxeBuilder({ page }).include('main').withTags(WCAG).analyze();
  expect(axeEmpty.violations.map((violation) => violation.id)).toEqual([]);

  // Esc clears the box and every meeting is back.
  await filter.press('Escape');
  await expect(filter).toHaveValue('');
  await expect(titles).toHaveCount(3);
  await expect(count).toHaveText('3 meetings');
  const axeList = await new AxeBuilder({ page }).include('main').withTags(WCAG).analyze();
  expect(axeList.violations.map((violation) => violation.id)).toEqual([]);
  expect(problems).toEqual([]);
});
