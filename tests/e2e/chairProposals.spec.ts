/**
 * Issue 18 §3 in real Chromium (browser mode): a participant's proposal never overwrites the lead's
 * answer unasked (add below / replace, with Undo, both credited); new proposals show as a count on
 * the chair's head and are announced; collapsing the chair is per meeting and the collapsed rail
 * still shows the question and the coverage. axe: 0 violations on the chair in each state.
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { participant } from './participantCalls';
import { answerBox, api, axeChair, chair, meetingOf, seedMeeting, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

test("a proposal is added below the lead's answer or replaces it on request, with Undo; new proposals are counted and announced", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  const { meeting } = await seedMeeting(request, app, 'Proposals review');
  const itemId = meeting.agenda[0]!.id;
  await api(request, app, 'meetings.start', { id: meeting.id });
  await api(request, app, 'chair.answer', {
    meetingId: meeting.id,
    itemId,
    changes: { text: 'Checkout takes longer', direction: 'hurts' },
  });
  await api(request, app, 'sharing.start', { meetingId: meeting.id, host: '127.0.0.1' });
  const ben = await participant(request, app, meeting.id, 'Ben');

  await page.goto(app.appUrl);
  await expect(answerBox(page)).toHaveValue('Checkout takes longer');
  const count = chair(page)
    .locator('.chair-head')
    .getByRole('button', { name: /proposal/ });
  await expect(count).toHaveCount(0);

  // A new proposal: counted on the chair's head and announced in a polite live region.
  await ben.propose(itemId, 'Fewer surprises on the bill', 'helps');
  await expect(count).toHaveText('1 proposal');
  await expect(chair(page).locator('.chair-proposal-news')).toContainText('New proposed answer from Ben');
  await count.click();
  await expect(chair(page).getByRole('region', { name: 'Proposed answers' })).toBeInViewport();

  // "Use this" with an answer there asks how; adding below keeps the lead's words and author.
  await chair(page)
    .getByRole('button', { name: /Use this/ })
    .click();
  const choice = chair(page).getByRole('group', { name: /The item has an answer/ });
  await expect(choice.getByRole('button', { name: 'Add below the answer' })).toBeFocused();
  await axeChair(page);
  await choice.getByRole('button', { name: 'Add below the answer' }).click();
  await expect(answerBox(page)).toHaveValue('Checkout takes longer\n\nFewer surprises on the bill');
  await expect(page.locator('.toast')).toContainText('Ben’s proposal was added below the answer');
  let stored = (await meetingOf(request, app, meeting.id)).agenda[0]!;
  expect(stored.answer).toMatchObject({ by: 'Ana', direction: 'hurts' });
  await expect(chair(page).locator('.proposal-credits')).toContainText('In the answer: proposals of Ben');

  // Replacing is a choice, and Undo brings the answer back whole.
  await ben.propose(itemId, 'They pay less in the end');
  await expect(count).toHaveText('1 proposal');
  await chair(page)
    .getByRole('button', { name: /Use this/ })
    .click();
  await chair(page).getByRole('button', { name: 'Replace the answer' }).click();
  await expect(answerBox(page)).toHaveValue('They pay less in the end');
  await page.locator('.toast').getByRole('button', { name: 'Undo' }).click();
  await expect(answerBox(page)).toHaveValue('Checkout takes longer\n\nFewer surprises on the bill');
  stored = (await meetingOf(request, app, meeting.id)).agenda[0]!;
  expect(stored.answer).toMatchObject({ text: 'Checkout takes longer\n\nFewer surprises on the bill', by: 'Ana' });
  expect(stored.proposals.map((p) => p.status)).toEqual(['accepted', 'open']);
  await expect(count).toHaveText('1 proposal');
  await axeChair(page);
  // And in the dark theme, with the choice open.
  await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await chair(page)
    .getByRole('button', { name: /Use this/ })
    .click();
  await expect(chair(page).getByRole('button', { name: 'Replace the answer' })).toBeVisible();
  await axeChair(page);
  expect(problems).toEqual([]);
});

test('collapsing the chair is remembered per meeting, and the collapsed rail still shows the question and the coverage', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  const first = (await seedMeeting(request, app, 'First review')).meeting;
  const second = (await seedMeeting(request, app, 'Second review')).meeting;
  await api(request, app, 'meetings.start', { id: first.id });
  await api(request, app, 'chair.answer', { meetingId: first.id, itemId: first.agenda[0]!.id, changes: { text: 'Faster' } });

  await page.goto(app.appUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'First review' })).toBeVisible();
  await chair(page).getByRole('button', { name: 'Collapse' }).click();
  const rail = page.locator('aside.chair-collapsed');
  await expect(rail).toContainText('How does this affect the customer?');
  await expect(rail.locator('.chair-rail-coverage')).toHaveText('Chair coverage: 1/1');
  await axeChair(page);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await axeChair(page);

  await page.evaluate((id) => (window.location.hash = `#/meetings/${id}`), second.id);
  await expect(page.getByRole('heading', { level: 1, name: 'Second review' })).toBeVisible();
  await expect(chair(page).getByRole('button', { name: 'Collapse' })).toBeVisible();

  await page.evaluate((id) => (window.location.hash = `#/meetings/${id}`), first.id);
  await expect(page.getByRole('heading', { level: 1, name: 'First review' })).toBeVisible();
  await expect(page.locator('aside.chair-collapsed')).toBeVisible();
  await page.reload();
  await expect(page.locator('aside.chair-collapsed')).toBeVisible();
  expect(problems).toEqual([]);
});
