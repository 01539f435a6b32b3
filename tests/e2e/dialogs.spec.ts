/**
 * Dialogs keep the keyboard (issue 18 §3): after "Back up now" focus stays in the Backups dialog, not
 * on <body>, and Escape still closes it, returning focus to the Backups button.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import type { Meeting } from '../../shared/domain';
import { api, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp;
test.beforeAll(async () => {
  app = await startWebApp(tempDataDir());
});
test.afterAll(async () => {
  await app.stop();
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

test('after Back up now, focus stays in the Backups dialog and Escape closes it', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  const opener = page.getByRole('button', { name: 'Backups', exact: true });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Backups' });
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  await expect(dialog.getByRole('list', { name: 'Backups, newest first' })).toContainText('made by you');
  await expect(dialog.getByRole('button', { name: 'Back up now' })).toBeEnabled();
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true);
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  expect(problems).toEqual([]);
});

test('New from template: one field a row, labels above, full-width fields; the template name field is wide', async ({ page }) => {
  const meeting = await api<Meeting>(page.request, app, 'meetings.create', {
    title: 'Weekly sync',
    scheduledAt: '2026-11-24T09:30:00Z',
    agenda: [],
  });
  await api(page.request, app, 'templates.create', { meetingId: meeting.id, name: 'Weekly sync template' });
  await page.goto(app.appUrl);
  await page.getByRole('button', { name: 'New from template…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New meeting from a template' });
  const select = (await dialog.getByLabel('Template').boundingBox())!;
  const remove = (await dialog.getByRole('button', { name: /Delete template/ }).boundingBox())!;
  const titleLabel = (await dialog.getByText('Title', { exact: true }).boundingBox())!;
  const title = (await dialog.getByLabel('Title').boundingBox())!;
  expect(remove.y).toBeGreaterThanOrEqual(select.y + select.height);
  expect(titleLabel.y).toBeGreaterThanOrEqual(remove.y + remove.height);
  expect(title.y).toBeGreaterThanOrEqual(titleLabel.y + titleLabel.height);
  expect(title.width).toBeGreaterThan(350);
  expect(select.width).toBeGreaterThan(350);
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto(`${app.origin}/#/meetings/${meeting.id}`);
  await page.getByRole('button', { name: 'Save as template…' }).click();
  const save = page.getByRole('dialog', { name: /template/i });
  expect((await save.getByLabel('Template name').boundingBox())!.width).toBeGreaterThan(350);
});
