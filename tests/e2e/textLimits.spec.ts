/**
 * Long text is never cut silently (issue 18 §3): a paste past a field's limit is refused whole with a
 * message, the count shows from 90% of the limit, and exactly the limit fits. Checked at the limit and
 * the limit + 1 on the meeting title (200), the chair's answer (20,000) and a decision (2,000).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import { LIMITS } from '../../shared/limits';
import { answerBox, api, chair, meetingOf, seedMeeting, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp;
test.beforeAll(async () => {
  app = await startWebApp(tempDataDir());
});
test.afterAll(async () => {
  await app.stop();
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

/** Pastes through the real clipboard and Ctrl+V, as a user would. */
async function paste(page: Page, field: Locator, text: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await field.focus();
  await page.keyboard.press('Control+V');
}

async function expectNoAxeViolations(page: Page, selector: string) {
  const axe = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`)).toEqual([]);
}

test('the New meeting title refuses a paste past 200 characters with a message, counts from 180, and takes exactly 200', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  await page.goto(`${app.origin}/#/new`);
  const title = page.getByLabel('Title', { exact: true });
  const max = LIMITS.titleMax;

  await paste(page, title, 'x'.repeat(max + 1));
  await expect(title).toHaveValue('');
  await expect(page.getByRole('alert').filter({ hasText: 'Not pasted' })).toContainText(`the text is ${max + 1} characters`);

  await paste(page, title, 'a'.repeat(Math.ceil(max * 0.9) - 1));
  await expect(page.getByText(/of 200 characters/)).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: 'Not pasted' })).toHaveCount(0);
  await page.keyboard.type('b');
  await expect(page.getByText('180 of 200 characters')).toBeVisible();
  await expect(title).toHaveAccessibleDescription(/180 of 200 characters/);

  await paste(page, title, 'c'.repeat(max - 180 + 1));
  await expect(title).toHaveValue('a'.repeat(179) + 'b');
  await expect(page.locator('.limit-refused')).toContainText('only 20 more fit here');
  await paste(page, title, 'c'.repeat(max - 180));
  await expect(title).toHaveValue('a'.repeat(179) + 'b' + 'c'.repeat(20));
  await expect(page.getByText('200 of 200 characters')).toBeVisible();
  await page.keyboard.type('d');
  await expect(title).toHaveValue('a'.repeat(179) + 'b' + 'c'.repeat(20));
  await expect(page.locator('.limit-refused')).toContainText('Limit reached: this field takes at most 200 characters.');
  await expectNoAxeViolations(page, 'main');

  // An agenda item's title is limited the same way, and the count names its item.
  await page.getByRole('button', { name: 'Add agenda item' }).click();
  const item = page.getByLabel('Item 1 title');
  await paste(page, item, 'y'.repeat(max + 1));
  await expect(item).toHaveValue('');
  await paste(page, item, 'y'.repeat(max));
  await expect(page.getByText('Item 1 title: 200 of 200 characters')).toBeVisible();
  expect(problems).toEqual([]);
});

test('the chair answer takes exactly 20,000 characters and refuses 20,001; a decision takes 2,000 and refuses 2,001', async ({ page }) => {
  const { meeting } = await seedMeeting(page.request, app, 'Limits review');
  await api(page.request, app, 'meetings.start', { id: meeting.id });
  await page.goto(app.appUrl);
  await page.goto(`${app.origin}/#/meetings/${meeting.id}`);
  await expect(chair(page)).toBeVisible();

  await paste(page, answerBox(page), 'z'.repeat(LIMITS.answerMax + 1));
  await expect(answerBox(page)).toHaveValue('');
  await expect(chair(page).getByRole('alert').filter({ hasText: 'Not pasted' })).toContainText('the text is 20,001 characters');
  await paste(page, answerBox(page), 'z'.repeat(LIMITS.answerMax));
  await expect(chair(page).getByText('20,000 of 20,000 characters')).toBeVisible();
  await expect.poll(async () => (await meetingOf(page.request, app, meeting.id)).agenda[0]!.answer?.text.length).toBe(LIMITS.answerMax);

  await page.getByRole('button', { name: 'Log decision' }).click();
  const decision = page.getByRole('textbox', { name: 'Decision' });
  await paste(page, decision, 'd'.repeat(LIMITS.decisionTextMax + 1));
  await expect(decision).toHaveValue('');
  await expect(page.getByRole('alert').filter({ hasText: 'Not pasted' }).last()).toContainText('the text is 2,001 characters');
  await paste(page, decision, 'd'.repeat(LIMITS.decisionTextMax));
  await expect(decision).toHaveValue('d'.repeat(LIMITS.decisionTextMax));
  await expect(page.getByText('2,000 of 2,000 characters')).toBeVisible();
  await expectNoAxeViolations(page, 'main');
});
