/**
 * The Evidence screen in Chromium against browser mode: a small CSV chosen in the file input goes
 * through the import dialog (preview, mapping, progress to done), the source is listed, and the chair
 * then quotes it. axe finds nothing on the screen or in the import dialog.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { chair, seedMeeting, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp;
test.beforeAll(async () => {
  app = await startWebApp(tempDataDir());
});
test.afterAll(async () => {
  await app.stop();
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

const today = new Date().toISOString().slice(0, 10);
const CSV = [
  'subject,description,requester,created_at',
  `Guest checkout,"Forcing an account at checkout lost us the order",Zoë,${today}`,
  `Refund,"The refund took three weeks",Lee,${today}`,
].join('\n');

async function expectNoAxeViolations(page: Page, selector: string) {
  const axe = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`)).toEqual([]);
}

test('import a CSV on the Evidence screen; the chair then quotes it', async ({ page }) => {
  const problems = watchForProblems(page);
  const { meeting } = await seedMeeting(page.request, app, 'Checkout review');
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evidence' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customer evidence' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No customer evidence yet' })).toBeVisible();
  await expectNoAxeViolations(page, 'main');

  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import customer evidence' });
  await dialog.getByLabel('Source name').fill('Help desk');
  await dialog.getByLabel(/^File/).setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expectNoAxeViolations(page, '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByText(/Read as CSV/)).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: 'description' })).toBeChecked();
  await expectNoAxeViolations(page, '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText(/^Done: 2 added, 0 updated, 0 unchanged\.$/)).toBeVisible();
  await expect(dialog.getByText(/2 rows read, 2 kept, 0 skipped/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(page.getByRole('row', { name: /Help desk/ })).toContainText('tickets');
  await expectNoAxeViolations(page, 'main');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Dark' });
  await page.getByRole('searchbox', { name: 'Words' }).fill('checkout');
  await expect(page.getByRole('list', { name: 'Evidence found' }).locator('mark').first()).toHaveText(/checkout/i);
  await expectNoAxeViolations(page, 'main');

  await page.goto(`${app.origin}/#/meetings/${meeting.id}`);
  const evidence = chair(page).getByRole('region', { name: 'What customers said' });
  await expect(evidence.locator('.evidence-quote').first()).toContainText('Forcing an account at checkout lost us the order');
  await expect(evidence).toContainText('Help desk');
  expect(problems).toEqual([]);
});
