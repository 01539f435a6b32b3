import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { answerBox, chair, meetingOf, saved, seedMeeting, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

const heading = (page: import('@playwright/test').Page) => page.locator('.item-view .item-title');

test('a meeting stopped mid-way resumes at the same item, with its answers, after a restart', async ({ page }) => {
  const dataDir = tempDataDir();
  app = await startWebApp(dataDir);
  const { meeting } = await seedMeeting(page.request, app, 'Restarted review');
  await page.goto(app.appUrl);
  await page.getByRole('link', { name: 'Restarted review' }).click();
  await page.getByRole('button', { name: 'Start meeting' }).click();
  await answerBox(page).fill('Fewer steps for buyers');
  await chair(page).getByText('Helps', { exact: true }).click();
  await page.getByRole('button', { name: 'Next item' }).click();
  await expect(heading(page)).toHaveText('Address autocomplete');
  await answerBox(page).fill('Typos in addresses go down');
  await page.getByRole('textbox', { name: 'Notes' }).fill('Vendor A or B');
  await expect(page.locator('.save-status-saved')).toHaveCount(2);
  await saved(page);

  expect(await app.stop()).toBe(0);
  app = await startWebApp(dataDir);
  await page.goto(app.appUrl);

  // The app opens the running meeting in the runner, at the item it was on.
  await expect(page).toHaveURL(new RegExp(`#/meetings/${meeting.id}$`));
  await expect(heading(page)).toHaveText('Address autocomplete');
  await expect(page.getByText('Item 2 of 3', { exact: true })).toBeVisible();
  await expect(answerBox(page)).toHaveValue('Typos in addresses go down');
  await expect(page.getByRole('textbox', { name: 'Notes' })).toHaveValue('Vendor A or B');
  await page.getByRole('button', { name: 'Previous item' }).click();
  await expect(heading(page)).toHaveText('Guest checkout');
  await expect(answerBox(page)).toHaveValue('Fewer steps for buyers');
  await expect(chair(page).getByRole('radio', { name: 'Helps' })).toBeChecked();
  const stored = await meetingOf(page.request, app, meeting.id);
  expect(stored.status).toBe('running');
  expect(stored.agenda.map((item) => item.answer?.text)).toEqual(['Fewer steps for buyers', 'Typos in addresses go down', undefined]);
});

test('killed with SIGKILL mid-meeting: what was typed a second before is there after the restart', async ({ page }) => {
  const problems = watchForProblems(page);
  const dataDir = tempDataDir();
  app = await startWebApp(dataDir);
  const { meeting } = await seedMeeting(page.request, app, 'Crashed review');
  await page.request.post(`${app.origin}/api/meetings.start`, { headers: { authorization: `Bearer ${app.token}` }, data: { id: meeting.id } });
  await page.goto(app.appUrl);
  await expect(heading(page)).toHaveText('Guest checkout');

  // Typed, then about a second later the process dies: no blur, no clean shutdown.
  await answerBox(page).click();
  await page.keyboard.type('Buyers without an account can finish in one go.');
  await page.waitForTimeout(1_000);
  await app.kill();
  app = await startWebApp(dataDir);
  await page.goto(app.appUrl);
  await expect(answerBox(page)).toHaveValue('Buyers without an account can finish in one go.');

  // Steady typing for two seconds, killed at once: everything but (at most) the last second is kept.
  const notes = page.getByRole('textbox', { name: 'Notes' });
  await notes.click();
  await page.keyboard.press('Control+End');
  const before = await notes.inputValue();
  const typed = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3).slice(0, 80);
  const perKey = 25;
  await page.keyboard.type(typed, { delay: perKey });
  await app.kill();
  app = await startWebApp(dataDir);
  const kept = (await meetingOf(page.request, app, meeting.id)).agenda[0]!.notes;
  expect(kept.startsWith(before)).toBe(true);
  const keptTyped = kept.slice(before.length);
  expect(typed.startsWith(keptTyped)).toBe(true);
  // At 25 ms a key, one second is 40 keys; allow for the slowness of a loaded machine by measuring, not assuming.
  expect(keptTyped.length).toBeGreaterThanOrEqual(typed.length - 1_000 / perKey);
  await page.goto(app.appUrl);
  await expect(notes).toHaveValue(kept);
  expect(problems.filter((problem) => !/Failed to fetch|not reachable/.test(problem))).toEqual([]);
});
