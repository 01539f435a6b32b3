/**
 * The HTML export parsed by a real browser: with hostile text in every string field, the document
 * has no script element, no on* attribute, no javascript: URL, loads nothing, and shows the text.
 * Screenshots are kept in test-results/export-html/ to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { meetingToHtml } from '../../shared/export/html';
import { buildReportSync } from '../../shared/export/report';
import { summarizeImpact } from '../../shared/summary/summary';
import { CORPUS, hostileCases } from '../unit/fixtures/corpus';
import { fixtureLibrary, fixtureMeeting } from '../unit/fixtures/meeting';

const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'export-html');

interface Findings {
  scripts: number;
  handlers: string[];
  urls: string[];
  links: number;
  images: number;
  frames: number;
  csp: string | null;
  text: string;
}

/** Looks at the parsed document: every element, every attribute. */
async function inspect(page: Page): Promise<Findings> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const handlers: string[] = [];
    const urls: string[] = [];
    for (const element of all) {
      for (const attribute of element.attributes) {
        if (attribute.name.toLowerCase().startsWith('on')) handlers.push(`${element.tagName} ${attribute.name}`);
        if (/^\s*(javascript|vbscript|data):/i.test(attribute.value) || /href|src|action|formaction|xlink/i.test(attribute.name)) {
          urls.push(`${element.tagName} ${attribute.name}=${attribute.value.slice(0, 60)}`);
        }
      }
    }
    return {
      scripts: document.scripts.length,
      handlers,
      urls,
      links: document.querySelectorAll('a, area, link').length,
      images: document.querySelectorAll('img, svg, iframe, object, embed, video, audio, picture').length,
      frames: window.frames.length,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
      text: document.body.innerText,
    };
  });
}

async function load(page: Page, html: string): Promise<{ requests: string[]; dialogs: string[]; errors: string[] }> {
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('data:') && request.url() !== 'about:blank') requests.push(request.url());
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setContent(html, { waitUntil: 'load' });
  return { requests, dialogs, errors };
}

/** Full page by default; a page taller than the GPU texture limit is shot at viewport size. */
function shoot(page: Page, name: string, fullPage = true) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, name), fullPage });
}

test('the fixture meeting renders as a styled, self-contained document', async ({ page }, testInfo) => {
  const meeting = fixtureMeeting();
  const library = fixtureLibrary();
  const seen = await load(page, meetingToHtml(meeting, summarizeImpact(meeting, library), library));
  const found = await inspect(page);
  expect(found).toMatchObject({ scripts: 0, handlers: [], urls: [], links: 0, images: 0 });
  expect(found.csp).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  expect(seen).toEqual({ requests: [], dialogs: [], errors: [] });
  await expect(page.locator('h1')).toHaveText('Pricing page review');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText([
    'Chair coverage',
    'Decisions, flagged first',
    'Customer evidence',
    'Decisions by tag',
    'Impact per persona',
    'Agenda',
    'No customer impact',
    'Skipped',
    'Open follow-ups',
  ]);
  // The inline stylesheet applied (the CSP allows it): badges are coloured.
  const hurts = page.locator('.badge.hurts').first();
  await expect(hurts).toHaveCSS('background-color', 'rgb(180, 35, 24)');
  // Right-to-left names resolve their own direction.
  await expect(page.getByText('ليلى حداد').first()).toHaveAttribute('dir', 'auto');
  expect(
    await page
      .getByText('ليلى حداد')
      .first()
      .evaluate((el) => getComputedStyle(el).direction),
  ).toBe('rtl');
  await shoot(page, 'fixture.png');
  await page.emulateMedia({ media: 'print' });
  await shoot(page, 'fixture-print.png');
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
  await testInfo.attach('fixture', { path: path.join(SHOTS, 'fixture.png'), contentType: 'image/png' });
});

for (const hostile of hostileCases()) {
  test(`hostile text stays text: ${hostile.name}`, async ({ page }) => {
    const html = meetingToHtml(hostile.meeting, summarizeImpact(hostile.meeting, hostile.library), hostile.library);
    const seen = await load(page, html);
    const found = await inspect(page);
    expect({
      scripts: found.scripts,
      handlers: found.handlers,
      urls: found.urls,
      links: found.links,
      images: found.images,
      frames: found.frames,
    }).toEqual({
      scripts: 0,
      handlers: [],
      urls: [],
      links: 0,
      images: 0,
      frames: 0,
    });
    expect(seen).toEqual({ requests: [], dialogs: [], errors: [] });
    // The template's outline survives whatever the text says.
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('h2')).toHaveCount(9);
    // And the text is shown as typed.
    const entry = hostile.meeting.title;
    if (entry.length < 200 && !/[\r\n\t]/.test(entry)) expect(found.text).toContain(entry.replace(/\s+/g, ' ').trim());
  });
}

test('the hostile meeting and report look right (screenshots)', async ({ page }) => {
  const mixed = hostileCases().at(-1)!;
  await load(page, meetingToHtml(mixed.meeting, summarizeImpact(mixed.meeting, mixed.library), mixed.library));
  await shoot(page, 'hostile-mixed.png');
  const report = buildReportSync(
    hostileCases().map((c) => c.meeting),
    mixed.library,
    { format: 'html', generatedAt: '2026-12-02T08:00:00.000Z' },
  );
  const seen = await load(page, report);
  const found = await inspect(page);
  expect(found).toMatchObject({ scripts: 0, handlers: [], urls: [], links: 0, images: 0 });
  expect(seen).toEqual({ requests: [], dialogs: [], errors: [] });
  expect(found.text).toContain(CORPUS[0]);
  await shoot(page, 'hostile-report.png', false);
});
