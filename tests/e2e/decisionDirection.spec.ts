/**
 * Issue 18 §3: the chair and the decision form set a direction with one control (five segmented
 * radios, 1-5 from the keyboard), and a decision logged on an item starts from the chair's direction
 * for it. Real Chromium, browser mode; axe 0 on the open form.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { api, chair, meetingOf, seedMeeting, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

test("a new decision starts from the chair's direction, with the chair's control; 1-5 pick a direction in it", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  const { meeting } = await seedMeeting(request, app, 'Direction review');
  const itemId = meeting.agenda[0]!.id;
  await api(request, app, 'meetings.start', { id: meeting.id });
  await api(request, app, 'chair.answer', { meetingId: meeting.id, itemId, changes: { text: 'Slower checkout', direction: 'hurts' } });

  await page.goto(app.appUrl);
  await expect(chair(page).getByRole('group', { name: 'Direction' }).getByRole('radio', { name: 'Hurts' })).toBeChecked();
  await page.getByRole('button', { name: 'Log decision' }).click();
  const impact = page.locator('.decision-form').getByRole('group', { name: 'Customer impact' });
  // The same control as the chair's: five radios, not a select.
  await expect(impact.getByRole('radio')).toHaveCount(5);
  await expect(page.locator('.decision-form').getByRole('combobox', { name: 'Customer impact' })).toHaveCount(0);
  await expect(impact.getByRole('radio', { name: 'Hurts' })).toBeChecked();
  await expect(page.locator('.decision-form')).toContainText('Starts from the chair’s answer for this item.');
  const axe = await new AxeBuilder({ page }).include('.decision-form').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // 1-5 while focus is on the control: 3 is Mixed (the order of the chair's).
  await impact.getByRole('radio', { name: 'Hurts' }).focus();
  await page.keyboard.press('3');
  await expect(impact.getByRole('radio', { name: 'Mixed' })).toBeChecked();
  await expect(impact.getByRole('radio', { name: 'Mixed' })).toBeFocused();
  // The chair's answer did not move.
  await expect(chair(page).getByRole('group', { name: 'Direction' }).getByRole('radio', { name: 'Hurts' })).toBeChecked();

  await page.getByRole('textbox', { name: 'Decision' }).fill('Keep the old checkout for a month');
  await page.getByRole('button', { name: 'Save decision' }).click();
  await expect(page.locator('.decision-text')).toHaveText('Keep the old checkout for a month');
  expect((await meetingOf(request, app, meeting.id)).agenda[0]!.decisions[0]!.direction).toBe('mixed');
  expect(problems).toEqual([]);
});
