/**
 * Issue 18 §3: the layout holds at narrow widths, measured in Chromium. At 900 px the header fits
 * (no horizontal scroll, the Theme select whole, the brand on one line); at phone width the
 * participant page's selects show their text; a meeting title breaks only between words.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import type { Meeting } from '../../shared/domain';
import type { SharingStatus } from '../../shared/sharing';
import { api, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

/** How much wider the page is than the window (0: no horizontal scroll), and the elements reaching past it. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    const past = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { by: root.scrollWidth - root.clientWidth, past };
  });

async function expectNoHorizontalScroll(page: Page, where: string) {
  const { by, past } = await overflow(page);
  expect(by, `horizontal scroll ${where} (${past.join(', ')})`).toBeLessThanOrEqual(0);
}

/** The selected option's text width (in the select's own font) and the room the select gives it. */
function selectRoom(select: Locator) {
  return select.evaluate((element: HTMLSelectElement) => {
    const style = getComputedStyle(element);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = style.font;
    const text = element.options[element.selectedIndex]?.text ?? '';
    // Chromium's native arrow takes about 20 px of the content box.
    const room = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    return { text, needed: Math.ceil(context.measureText(text).width), room };
  });
}

/** The words of an element's text that are drawn across more than one line. */
function wordsSplitAcrossLines(element: Locator) {
  return element.evaluate((node: HTMLElement) => {
    const split: string[] = [];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
      for (const match of text.data.matchAll(/\S+/g)) {
        const tops = new Set<number>();
        for (let i = 0; i < match[0].length; i++) {
          const range = document.createRange();
          range.setStart(text, match.index + i);
          range.setEnd(text, match.index + i + 1);
          for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
        }
        if (tops.size > 1) split.push(match[0]);
      }
    }
    return split;
  });
}

test('at 900 px the header fits: no horizontal scroll, the Theme select whole, the brand on one line', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  for (const width of [1280, 1024, 900, 760, 600, 375]) {
    await page.setViewportSize({ width, height: 800 });
    if (width === 1280) await page.goto(app.appUrl);
    const theme = page.getByLabel('Theme');
    await expect(theme).toBeVisible();
    await expectNoHorizontalScroll(page, `at ${width} px`);
    const box = (await theme.boundingBox())!;
    expect(box.x + box.width, `Theme select cut at ${width} px`).toBeLessThanOrEqual(width);
    const room = await selectRoom(theme);
    expect(room.needed, `Theme select shows "${room.text}" at ${width} px`).toBeLessThanOrEqual(room.room);
    expect(await wordsSplitAcrossLines(page.locator('.brand-name')), `brand at ${width} px`).toEqual([]);
    const brandLines = await page.locator('.brand-name').evaluate((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(brandLines, `the brand wraps at ${width} px`).toBe(1);
  }
  await page.setViewportSize({ width: 900, height: 800 });
  const axe = await new AxeBuilder({ page }).include('header').withTags(WCAG).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  expect(problems).toEqual([]);
});

test('a running meeting’s title breaks only between words (never “go/no-⏎go”), from 1280 px to phone width', async ({ page, request }) => {
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  const meeting = await api<Meeting>(request, app, 'meetings.create', {
    title: 'Sample: Q3 pricing and onboarding go/no-go review with the support-and-success leads',
    scheduledAt: '2026-11-24T09:30:00Z',
    agenda: [{ title: 'Per-seat or usage-based pricing: the go/no-go call' }],
  });
  await api(request, app, 'meetings.start', { id: meeting.id });
  await page.goto(app.appUrl);
  await page.evaluate((id) => (window.location.hash = `#/meetings/${id}`), meeting.id);
  const title = page.getByRole('heading', { level: 1 });
  await expect(page.locator('.item-title')).toContainText('go/no-go');
  await expect(title).toContainText('go/no-go');
  const split: string[] = [];
  for (let width = 1280; width >= 360; width -= 16) {
    await page.setViewportSize({ width, height: 800 });
    for (const word of await wordsSplitAcrossLines(title)) split.push(`${width} px: ${word}`);
    for (const word of await wordsSplitAcrossLines(page.locator('.item-title'))) split.push(`${width} px (item): ${word}`);
    await expectNoHorizontalScroll(page, `at ${width} px`);
  }
  expect(split).toEqual([]);
  await page.setViewportSize({ width: 375, height: 800 });
  const axe = await new AxeBuilder({ page }).include('.meeting-header').withTags(WCAG).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  expect(problems).toEqual([]);
});

test('at phone width the participant page’s selects show their whole text', async ({ browser, request }) => {
  app = await startWebApp(tempDataDir());
  let meeting = await api<Meeting>(request, app, 'meetings.create', {
    title: 'Checkout review',
    scheduledAt: '2026-11-24T09:30:00Z',
    agenda: [{ title: 'Guest checkout' }],
  });
  await api(request, app, 'meetings.start', { id: meeting.id });
  meeting = await api<Meeting>(request, app, 'decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: 'Guest checkout ships in March' },
  });
  await api(request, app, 'sharing.start', { meetingId: meeting.id, host: '127.0.0.1' });
  let joinUrl: string | null = null;
  await expect
    .poll(async () => (joinUrl = (await api<SharingStatus>(request, app!, 'sharing.status', { meetingId: meeting.id })).joinUrl))
    .toBeTruthy();
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(joinUrl!);
  await page.getByLabel('Your name').fill('Chloé');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.locator('.link-state')).toHaveText(/Connected/);
  const selects = page.locator('main select');
  await expect(selects.first()).toBeVisible();
  const count = await selects.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let index = 0; index < count; index++) {
    const room = await selectRoom(selects.nth(index));
    expect(room.needed, `select ${index} shows "${room.text}" in ${room.room} px`).toBeLessThanOrEqual(room.room);
  }
  await expectNoHorizontalScroll(page, 'at 375 px');
  const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
