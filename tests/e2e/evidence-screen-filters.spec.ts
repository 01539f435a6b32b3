/**
 * The Evidence screen in Chromium against browser mode: a CSV over 700 KB (one request's inline cap)
 * is sent in chunks with a progress bar, previewed and imported; the search is narrowed by segment
 * and rating; re-importing the same file adds nothing; the words of a tag are edited with the
 * keyboard; #/evidence?q=… opens the search. axe finds nothing on the screen or in the dialogs.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { EVIDENCE_LIMITS } from '../../shared/evidence/limits';
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

const SEGMENTS = ['Enterprise', 'SMB', 'Consumer'];
const TOPICS = ['the invoice total is wrong', 'export to CSV is slow', 'single sign-on keeps failing', 'the mobile app crashes'];

/** A survey export over the inline cap: id, comment, customer, segment, date, rating. */
function bigCsv(): Buffer {
  const rows = ['id,comment,customer,segment,date,rating'];
  let size = rows[0]!.length;
  for (let i = 0; size <= EVIDENCE_LIMITS.inlineBytesMax + 100_000; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const row = `${i},"Ticket ${i}: ${TOPICS[i % TOPICS.length]} for our team again",Customer ${i % 40},${SEGMENTS[i % 3]},2026-11-${day},${1 + (i % 5)}`;
    rows.push(row);
    size += row.length + 1;
  }
  return Buffer.from(rows.join('\n'));
}

async function expectNoAxeViolations(page: Page, selector: string) {
  const axe = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`)).toEqual([]);
}

test('a large file in chunks, filtered search, re-import adds nothing, tag words', async ({ page }) => {
  const problems = watchForProblems(page);
  const csv = bigCsv();
  const rows = csv.toString().split('\n').length - 1;
  expect(csv.length).toBeGreaterThan(EVIDENCE_LIMITS.inlineBytesMax);
  const chunkCount = Math.ceil(csv.length / EVIDENCE_LIMITS.uploadChunkBytesMax);
  expect(chunkCount).toBeGreaterThanOrEqual(2);

  // The second chunk waits until the test has seen the progress part way.
  let releaseSecond: () => void = () => undefined;
  const secondHeld = new Promise<void>((resolve) => (releaseSecond = resolve));
  const offsets: number[] = [];
  await page.route('**/api/evidence.uploadChunk', async (route) => {
    const input = route.request().postDataJSON() as { offset: number };
    offsets.push(input.offset);
    if (input.offset > 0 && offsets.filter((offset) => offset > 0).length === 1) await secondHeld;
    await route.continue();
  });

  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evidence' }).click();
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import customer evidence' });
  await dialog.getByLabel('Source name').fill('Big survey');
  await dialog.getByLabel('Kind').selectOption('survey');
  await dialog.getByLabel(/^File/).setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: csv });
  await dialog.getByRole('button', { name: 'Preview' }).click();

  const bar = dialog.getByRole('progressbar', { name: 'Sending big.csv' });
  await expect(bar).toHaveAttribute('value', String(EVIDENCE_LIMITS.uploadChunkBytesMax));
  await expect(bar).toHaveAttribute('max', String(csv.length));
  await expect(dialog.getByRole('status')).toContainText(/Sending big\.csv: 0\.5 MB of 0\.\d MB \(\d\d%\)/);
  await expectNoAxeViolations(page, '[role="dialog"]');
  releaseSecond();

  await expect(dialog.getByText(/Read as CSV/)).toBeVisible();
  expect(offsets).toEqual(Array.from({ length: chunkCount }, (_, index) => index * EVIDENCE_LIMITS.uploadChunkBytesMax));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText(`Done: ${rows} added, 0 updated, 0 unchanged.`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('row', { name: /Big survey/ })).toContainText(String(rows));
  await page.unroute('**/api/evidence.uploadChunk');

  // Filtered search: words, then segment and lowest rating; each quote says who, segment, date, source, rating.
  await page.getByRole('searchbox', { name: 'Words' }).fill('invoice');
  await expect(page).toHaveURL(/#\/evidence\?q=invoice$/);
  await page.getByRole('combobox', { name: 'Segment' }).selectOption('SMB');
  await page.getByLabel('Lowest rating').fill('4');
  const found = page.getByRole('list', { name: 'Evidence found' });
  await expect(found.locator('.evidence-facts').first()).toHaveText(/^Customer \d+ · SMB · 2026-11-\d\d · Big survey · rating [45]$/);
  for (const facts of await found.locator('.evidence-facts').allTextContents()) expect(facts).toMatch(/ · SMB · .* · rating [45]$/);
  await expect(found.locator('mark').first()).toHaveText('invoice');
  await expectNoAxeViolations(page, 'main');

  // Re-import the same file: the saved mapping is used and nothing is added.
  await page.getByRole('button', { name: 'Re-import Big survey' }).click();
  const again = page.getByRole('dialog', { name: 'Re-import “Big survey”' });
  await again.getByLabel(/^File/).setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: csv });
  await expectNoAxeViolations(page, '[role="dialog"]');
  await again.getByRole('button', { name: 'Re-import' }).click();
  await expect(again.getByText(`Done: 0 added, 0 updated, ${rows} unchanged.`)).toBeVisible();
  await expectNoAxeViolations(page, '[role="dialog"]');
  await again.getByRole('button', { name: 'Close' }).click();

  // Tag words, by keyboard.
  const words = page.getByRole('region', { name: 'Tag words' });
  await words.getByRole('textbox', { name: 'Add a word for pricing' }).fill('price, invoice, cost');
  await page.keyboard.press('Enter');
  const list = words.getByRole('list', { name: 'Words for pricing' });
  await expect(list.getByRole('listitem')).toHaveText(['price×', 'invoice×', 'cost×']);
  await expect(words.getByText('3 of 50 words')).toBeVisible();
  await words.getByRole('button', { name: 'Remove “cost” from pricing' }).focus();
  await page.keyboard.press('Enter');
  await expect(list.getByRole('listitem')).toHaveText(['price×', 'invoice×']);
  await expectNoAxeViolations(page, 'main');

  // Accounts: the list with revenue and evidence counts; Show evidence fills the account filter.
  const accounts = page.getByRole('region', { name: 'Accounts' });
  await accounts.getByLabel('Accounts file').setInputFiles({
    name: 'accounts.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('id,name,segment,mrr,currency\nC1,Customer 1,SMB,1000,EUR\nC2,Customer 2,Consumer,,USD\nZ9,Nobody,SMB,50,USD\n'),
  });
  const table = accounts.getByRole('table', { name: 'Accounts' });
  await expect(table.getByRole('row', { name: /Customer 1/ })).toContainText(/SMB€12,000€1,000\d+/);
  await expect(table.getByRole('row', { name: /Nobody/ })).toContainText(/SMB\$600\$500$/);
  await expectNoAxeViolations(page, 'main');
  await table.getByRole('button', { name: 'Show evidence from Customer 1' }).click();
  await expect(page.getByRole('combobox', { name: 'Account or customer' })).toHaveValue('Customer 1');
  await expect(page.getByText('Nothing matches “invoice” with these filters.')).toBeVisible();
  // No words: the filter alone lists the account's evidence, newest first.
  await page.getByRole('searchbox', { name: 'Words' }).fill('');
  await expect(page.getByRole('status').filter({ hasText: /^\d+ items match; the 20 newest are shown\./ })).toBeVisible();
  await expect(found.locator('.evidence-facts').first()).toHaveText(/^Customer 1 · \w+ · 2026-11-\d\d · Big survey · rating \d$/);
  for (const facts of await found.locator('.evidence-facts').allTextContents()) expect(facts).toMatch(/^Customer 1 · /);

  // The link format the chair's "More" uses.
  await page.goto(`${app.origin}/#/dashboard`);
  await page.goto(`${app.origin}/#/evidence?q=sign-on`);
  await expect(page.getByRole('searchbox', { name: 'Words' })).toHaveValue('sign-on');
  await expect(page.getByRole('list', { name: 'Evidence found' }).locator('mark').first()).toHaveText(/sign/i);
  expect(problems).toEqual([]);
});
