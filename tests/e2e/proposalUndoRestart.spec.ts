/**
 * Issue 18 §3 in real Chromium (browser mode): a proposal that replaced the lead's answer keeps the
 * lead's text with the meeting. After the service restarts, the chair still shows the replaced text
 * and offers its Undo (by keyboard), which brings the lead's answer back. axe: 0 violations.
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

test("the answer a proposal replaced survives a restart: readable in the chair, and Undo brings the lead's text back", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const dataDir = tempDataDir();
  app = await startWebApp(dataDir);
  const problems = watchForProblems(page);
  const { meeting } = await seedMeeting(request, app, 'Proposals after a restart');
  const itemId = meeting.agenda[0]!.id;
  const onItem = { meetingId: meeting.id, itemId };
  await api(request, app, 'meetings.start', { id: meeting.id });
  await api(request, app, 'chair.answer', { ...onItem, changes: { text: 'Checkout takes longer', direction: 'hurts' } });
  await api(request, app, 'sharing.start', { meetingId: meeting.id, host: '127.0.0.1' });
  const ben = await participant(request, app, meeting.id, 'Ben');
  await ben.propose(itemId, 'They pay less in the end', 'helps');

  await page.goto(app.appUrl);
  await chair(page)
    .getByRole('button', { name: /Use this/ })
    .click();
  await chair(page).getByRole('button', { name: 'Replace the answer' }).click();
  await expect(answerBox(page)).toHaveValue('They pay less in the end');

  // The service stops and starts again on the same files: the toast's Undo is gone with the page.
  await app.stop();
  app = await startWebApp(dataDir);
  await page.goto(app.appUrl);
  await expect(answerBox(page)).toHaveValue('They pay less in the end');
  const taken = chair(page).getByRole('list', { name: 'Proposals taken into the answer' });
  const summary = taken.getByText('Ben’s proposal replaced Ana’s answer');
  await expect(summary).toBeVisible();
  await expect(taken.getByText('Checkout takes longer')).toBeHidden();
  // By keyboard: open the replaced text, then Undo.
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(taken.getByText('Checkout takes longer')).toBeVisible();
  await axeChair(page);
  const undo = taken.getByRole('button', { name: 'Undo taking Ben’s proposal' });
  await undo.focus();
  await page.keyboard.press('Enter');
  await expect(answerBox(page)).toHaveValue('Checkout takes longer');
  await expect(taken).toHaveCount(0);
  const stored = (await meetingOf(request, app, meeting.id)).agenda[0]!;
  expect(stored.answer).toMatchObject({ text: 'Checkout takes longer', direction: 'hurts', by: 'Ana' });
  expect(stored.proposals.map((p) => p.status)).toEqual(['open']);
  await expect(chair(page).getByRole('button', { name: /Use this/ })).toBeVisible();
  await axeChair(page);
  // Dark theme, with the record shown again.
  await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await api(request, app, 'proposals.accept', { ...onItem, proposalId: stored.proposals[0]!.id, mode: 'replace' });
  await taken.getByText('Ben’s proposal replaced Ana’s answer').click();
  await expect(taken.getByText('Checkout takes longer')).toBeVisible();
  await axeChair(page);
  expect(problems).toEqual([]);
});
