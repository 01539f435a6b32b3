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

test('killed with SIGKILL mid-meeting: what was saved while typing is there after the restart', async ({ page }) => {
  const problems = watchForProblems(page);
  const dataDir = tempDataDir();
  app = await startWebApp(dataDir);
  const { meeting } = await seedMeeting(page.request, app, 'Crashed review');
  await page.request.post(`${app.origin}/api/meetings.start`, {
    headers: { authorization: `Bearer ${app.token}` },
    data: { id: meeting.id },
  });
  await page.goto(app.appUrl);
  await expect(heading(page)).toHaveText('Guest checkout');

  // Typed, and once the chair says Saved (the autosave ran: no blur, no pause asked for) the process
  // dies: no clean shutdown. How soon autosave runs is the unit tests' job (AUTOSAVE_MAX_WAIT_MS).
  await answerBox(page).click();
  await page.keyboard.type('Buyers without an account can finish in one go.');
  await saved(page);
  await app.kill();
  app = await startWebApp(dataDir);
  await page.goto(app.appUrl);
  await expect(answerBox(page)).toHaveValue('Buyers without an account can finish in one go.');

  // Steady typing, killed at once in the middle of it, right after a save was acknowledged: the
  // acknowledged text is kept, and nothing but a prefix of what was typed. Keys go on until the
  // server has answered a save of this field (on a busy machine that may take longer than on a quiet one).
  const notes = page.getByRole('textbox', { name: 'Notes' });
  await notes.click();
  await page.keyboard.press('Control+End');
  const before = await notes.inputValue();
  const typed = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(100);
  let acknowledged: string | null = null;
  page.on('response', (response) => {
    if (!response.url().endsWith('/api/agenda.update') || !response.ok()) return;
    const notesSent = (JSON.parse(response.request().postData() ?? '{}') as { changes?: { notes?: string } }).changes?.notes;
    if (notesSent !== undefined && notesSent.length > before.length) acknowledged = notesSent;
  });
  let sent = 0;
  while (acknowledged === null && sent < typed.length) {
    await page.keyboard.type(typed.slice(sent, sent + 4), { delay: 25 });
    sent += 4;
  }
  await app.kill();
  expect(acknowledged, 'a save of the notes was answered while typing went on').not.toBeNull();
  app = await startWebApp(dataDir);
  const kept = (await meetingOf(page.request, app, meeting.id)).agenda[0]!.notes;
  expect(kept.startsWith(acknowledged!)).toBe(true);
  expect(kept.startsWith(before)).toBe(true);
  expect(typed.startsWith(kept.slice(before.length))).toBe(true);
  await page.goto(app.appUrl);
  await expect(notes).toHaveValue(kept);
  expect(problems.filter((problem) => !/Failed to fetch|not reachable/.test(problem))).toEqual([]);
});
