/**
 * A half-filled New meeting form is never lost silently (issue 18 §3): reloading asks first
 * (beforeunload) and the form comes back, with a notice, after a reload or after leaving through the
 * app's own links; saving or discarding forgets it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp;
test.beforeAll(async () => {
  app = await startWebApp(tempDataDir());
});
test.afterAll(async () => {
  await app.stop();
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

test('a half-filled New meeting form survives a reload and leaving by a link, with a notice; saving forgets it', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  await page.getByRole('button', { name: 'New meeting' }).first().click();
  await page.getByLabel('Title', { exact: true }).fill('Half-typed pricing review');
  await page.getByRole('button', { name: 'Add agenda item' }).click();
  await page.getByLabel('Item 1 title').fill('Annual plan discount');
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  // Leaving the page asks first.
  const asked = page.waitForEvent('dialog');
  void page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(page.isClosed()).toBe(false);

  // A reload (confirmed) brings the form back.
  page.once('dialog', (next) => void next.accept());
  await page.reload();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Half-typed pricing review');
  await expect(page.getByLabel('Item 1 title')).toHaveValue('Annual plan discount');
  await expect(page.getByRole('status').filter({ hasText: 'Restored what you typed here earlier' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  // Leaving through the header's link and coming back brings it back too.
  await page.getByRole('navigation').getByRole('link', { name: 'Meetings' }).click();
  await page.getByRole('button', { name: 'New meeting' }).first().click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Half-typed pricing review');

  // Saved: the next New meeting form starts empty.
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Half-typed pricing review' })).toBeVisible();
  await page.goto(`${app.origin}/#/new`);
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('');
  await expect(page.getByText('Restored what you typed here earlier')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a validation message goes as soon as its field is fixed, and no raw error code is shown', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  await page.goto(`${app.origin}/#/new`);
  await page.getByLabel('Title', { exact: true }).fill('Validation review');
  await page.getByRole('button', { name: 'Add agenda item' }).click();
  await page.getByRole('button', { name: 'Add agenda item' }).click();
  await page.getByLabel('Item 2 title').fill('Second');
  await page.getByRole('button', { name: 'Save meeting' }).click();
  const itemTitle = page.getByLabel('Item 1 title');
  await expect(itemTitle).toHaveAttribute('aria-invalid', 'true');
  const alert = page.locator('.form-alert');
  await expect(alert).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Error code');
  await expect(page.locator('main')).not.toContainText('invalid_input');

  // Fixing the field clears its message at once, and with no message left, the alert.
  await itemTitle.fill('First');
  await expect(itemTitle).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Item 1 title must not be empty.')).toHaveCount(0);
  await expect(page.getByLabel('Item 2 title')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await expect(alert).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Validation review' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('a kept draft that does not parse is dropped with a notice, and the form starts empty', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  await page.evaluate(() =>
    window.localStorage.setItem(
      'emptychair.newMeetingDraft',
      JSON.stringify({ title: 'T'.repeat(201), scheduledAt: '', lead: '', participants: '', personaIds: [], agenda: [] }),
    ),
  );
  await page.goto(`${app.origin}/#/new`);
  const notice = page.getByRole('status').filter({ hasText: 'could not be read back' });
  await expect(notice).toContainText('Title: must be at most 200 characters');
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('');
  expect(await page.evaluate(() => window.localStorage.getItem('emptychair.newMeetingDraft'))).toBeNull();
  const axe = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  // The keyboard reaches the form as usual.
  await page.getByLabel('Title', { exact: true }).focus();
  await page.keyboard.type('Fresh start');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  expect(problems).toEqual([]);
});
