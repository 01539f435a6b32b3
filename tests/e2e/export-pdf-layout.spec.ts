/**
 * The HTML export printed to PDF by Chromium (the engine the desktop app's printToPDF uses): a
 * 60-item meeting with long answers must not take a page per item. Items may break across pages,
 * headings stay with their first lines, and narrow table columns never split a word.
 * The PDF is kept in test-results/export-pdf/ to look at.
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import type { Meeting } from '../../shared/domain';
import { meetingToHtml } from '../../shared/export/html';
import { summarizeImpact } from '../../shared/summary/summary';
import { buildReportSync } from '../../shared/export/report';
import { fixtureLibrary, fixtureMeeting, secondMeeting } from '../unit/fixtures/meeting';

const OUT = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'export-pdf');
/** Pages this meeting took when every item card was kept whole on one page (measured before the change). */
const PAGES_WHEN_ITEMS_WERE_KEPT_WHOLE = 70;

/**
 * A 60-item meeting: each item has a long answer, notes, and a decision with a long owner and tags.
 * No cited evidence: the 70 pages were measured on this content before citations existed.
 */
function longMeeting(): Meeting {
  const base = fixtureMeeting();
  const template = base.agenda.find((item) => item.answer && item.decisions.length > 0)!;
  const answer = 'Customers on the Starter plan compare our price with two competitors before they renew. '.repeat(8);
  const agenda = Array.from({ length: 60 }, (_, index) => ({
    ...template,
    id: `item-${index}`,
    title: `Item ${index + 1}: pricing page review for small teams`,
    notes: 'Context from the last three customer calls and the support queue. '.repeat(2),
    answer: { ...template.answer!, text: answer },
    citations: [],
    decisions: template.decisions
      .slice(0, 1)
      .map((decision) => ({ ...decision, id: `decision-${index}`, owner: 'Priya+owner@example.com', citations: [] })),
  }));
  return { ...base, agenda, currentItemId: null, followUps: [] };
}

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
}

test('a 60-item meeting prints in at most half the pages of one card per page, words unsplit', async ({ page }) => {
  const meeting = longMeeting();
  const html = meetingToHtml(meeting, summarizeImpact(meeting, fixtureLibrary()), fixtureLibrary());
  // The printable width of A4 with the export's 14 mm side margins, at 96 dpi.
  await page.setViewportSize({ width: 688, height: 1000 });
  await page.setContent(html);
  await page.emulateMedia({ media: 'print' });
  // No word is split across lines: the owner's e-mail address keeps to one line in every decision row.
  const owners = await page.evaluate(() =>
    [...document.querySelectorAll('span')]
      .filter((span) => span.textContent === 'Priya+owner@example.com')
      .map((span) => {
        const range = document.createRange();
        range.selectNodeContents(span.firstChild!);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      }),
  );
  expect(owners.length).toBeGreaterThanOrEqual(120);
  expect(new Set(owners), 'lines of the owner e-mail: one, not split inside the word').toEqual(new Set([1]));

  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'sixty-items.pdf'), pdf);
  const pages = pageCount(pdf);
  console.log(`60-item meeting: ${pages} PDF pages (${PAGES_WHEN_ITEMS_WERE_KEPT_WHOLE} when each item was kept whole)`);
  expect(pages).toBeGreaterThan(5);
  expect(pages).toBeLessThanOrEqual(Math.floor(PAGES_WHEN_ITEMS_WERE_KEPT_WHOLE / 2));
});

test("the report's chair answers are collapsed on screen and printed on paper", async ({ page }) => {
  const report = buildReportSync([fixtureMeeting(), secondMeeting()], fixtureLibrary(), {
    format: 'html',
    generatedAt: '2026-11-30T12:00:00.000Z',
  });
  await page.setContent(report);
  const answer = page.getByText('Two weeks is too short for a firm that runs payroll monthly.');
  await expect(page.locator('details summary').first()).toContainText('Pricing page review');
  await expect(answer).toBeHidden();
  await page.locator('details summary').first().click();
  await expect(answer).toBeVisible();
  await page.locator('details summary').first().click();
  await expect(answer).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(answer).toBeVisible();
});
