import { expect, test, type Browser } from '@playwright/test';
import fs from 'node:fs';
import { answerBox, api, chair, meetingOf, seedMeeting } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

async function window(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test('two windows on one meeting: one types notes while the other answers the chair; both are saved and both see both', async ({
  browser,
  request,
}) => {
  app = await startWebApp(tempDataDir());
  const { meeting, personas } = await seedMeeting(request, app, 'Two windows');
  await api(request, app, 'meetings.start', { id: meeting.id });
  const lead = await window(browser, app.appUrl);
  const helper = await window(browser, app.appUrl);
  for (const page of [lead, helper]) await expect(page.locator('.item-view .item-title')).toHaveText('Guest checkout');

  const notes = 'Conversion fell 4% at the account step. Sam to share the funnel.';
  const answer = 'Buyers skip the account and pay sooner; fewer abandoned carts.';
  await lead.getByRole('textbox', { name: 'Notes' }).click();
  await lead.keyboard.press('Control+End');
  await answerBox(helper).click();
  // Both type at once, key by key.
  await Promise.all([lead.keyboard.type(` ${notes}`, { delay: 15 }), helper.keyboard.type(answer, { delay: 15 })]);
  await helper.getByRole('checkbox', { name: personas[0]!.name }).check();
  await chair(helper).getByText('Helps', { exact: true }).click();

  const fullNotes = `Numbers from the last usability test. ${notes}`;
  // Each window sees the other's text live in the fields it is not editing, and keeps its own.
  await expect(answerBox(lead)).toHaveValue(answer);
  await expect(chair(lead).getByRole('radio', { name: 'Helps' })).toBeChecked();
  await expect(chair(lead).getByRole('checkbox', { name: personas[0]!.name })).toBeChecked();
  await expect(helper.getByRole('textbox', { name: 'Notes' })).toHaveValue(fullNotes);
  await expect(lead.getByRole('textbox', { name: 'Notes' })).toHaveValue(fullNotes);
  await expect(answerBox(helper)).toHaveValue(answer);
  await expect(lead.getByRole('alert')).toHaveCount(0);
  await expect(helper.getByRole('alert')).toHaveCount(0);

  await expect.poll(async () => (await meetingOf(request, app!, meeting.id)).agenda[0]!.notes).toBe(fullNotes);
  const stored = (await meetingOf(request, app, meeting.id)).agenda[0]!;
  expect(stored.answer).toMatchObject({ text: answer, direction: 'helps', personaIds: [personas[0]!.id] });

  // When the lead moves on, the other window follows.
  await lead.getByRole('button', { name: 'Next item' }).click();
  await expect(helper.locator('.item-view .item-title')).toHaveText('Address autocomplete');
  await lead.context().close();
  await helper.context().close();
});
