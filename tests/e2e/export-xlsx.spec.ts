/**
 * The summary screen in Chromium with a meeting that cites customer evidence: the quotes and the
 * accounts show (axe: 0 violations), and "Excel" downloads an .xlsx that another implementation
 * (ExcelJS) reads back with typed cells and the cited evidence.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { openFixtureSummary } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp;
test.afterEach(async () => {
  await app?.stop();
});

test('the summary shows cited evidence and exports an .xlsx with it', async ({ page, request }) => {
  app = await startWebApp(tempDataDir());
  await openFixtureSummary(page, request, app);
  await expect(page.getByRole('heading', { level: 1, name: /Pricing page review/ })).toBeVisible();
  const card = page.getByRole('region', { name: /Customer evidence/ });
  await expect(card).toContainText('Evidence coverage: 2 of 5 decisions (40%) cite customer evidence.');
  await expect(page.getByRole('list', { name: 'Customer evidence cited on this answer' })).toContainText(
    'Trial ended before we ran our first payroll.',
  );
  const axe = await new AxeBuilder({ page }).include('.sum').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('2026-11-24 Pricing page review.xlsx');
  await expect(page.locator('.exp-menu .exp-status')).toContainText('Downloaded “2026-11-24 Pricing page review.xlsx”');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fs.readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('Decisions')!;
  expect(sheet.rowCount).toBe(6);
  expect(sheet.getRow(2).getCell(4).value).toBe('Launch three tiers: Starter, Team, Business');
  expect(sheet.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.Date);
  expect(sheet.getRow(2).getCell(10).value).toBe(2);
  expect(sheet.getRow(2).getCell(13).value).toBe('EUR 18000; USD 250000');
});
