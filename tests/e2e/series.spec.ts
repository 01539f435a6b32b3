import { expect, test } from '@playwright/test';
import type { Meeting } from '../../shared/domain';
import { api, chair, meetingOf, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp;
test.afterEach(async () => {
  await app?.stop();
});

test('a follow-up raised in one meeting of a series is carried into the next, done there, and the chair checks back', async ({
  page,
  request,
}) => {
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  let first = await api<Meeting>(request, app, 'meetings.create', {
    title: 'Weekly support sync',
    scheduledAt: '2026-11-02T09:00:00Z',
    lead: 'Ana',
    agenda: [{ title: 'Refund queue' }, { title: 'Macros' }],
  });
  await api(request, app, 'meetings.start', { id: first.id });
  first = await api<Meeting>(request, app, 'decisions.add', {
    meetingId: first.id,
    itemId: first.agenda[0]!.id,
    decision: { text: 'Refund within a day', direction: 'helps', reviewDate: '2026-11-09' },
  });
  await api(request, app, 'meetings.end', { id: first.id, skip: true });

  // The lead adds the follow-up in the ended meeting, in the browser.
  await page.goto(app.appUrl);
  await page.getByRole('link', { name: 'Weekly support sync' }).click();
  const followUps = page.getByRole('region', { name: /Follow-ups/ });
  await followUps.getByLabel('New follow-up').fill('Write the refund macro');
  await followUps.getByLabel('Owner').fill('Ben');
  await followUps.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(followUps.getByText('Write the refund macro')).toBeVisible();

  await page.getByRole('button', { name: 'Next in series…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create the next meeting of the series' });
  await expect(dialog).toContainText('1 open follow-up carries forward');
  await dialog.getByLabel('When').fill('2026-11-09T09:00');
  await dialog.getByRole('button', { name: 'Create next meeting' }).click();

  // The new meeting opens with the agenda copied and the follow-up carried, saying where from.
  await expect(page).not.toHaveURL(new RegExp(first.id));
  await expect(page.locator('.meeting-series')).toHaveText('Series: Weekly support sync');
  const nextId = /#\/meetings\/([^/?]+)/.exec(page.url())![1]!;
  const carried = page.getByRole('region', { name: /Follow-ups/ });
  await expect(carried.getByText('Write the refund macro')).toBeVisible();
  await expect(carried.getByText('from “Weekly support sync”')).toBeVisible();
  await carried.getByRole('checkbox', { name: 'Write the refund macro' }).click();
  await expect(carried.getByRole('checkbox', { name: 'Write the refund macro' })).toBeChecked();
  await expect
    .poll(async () => (await meetingOf(request, app, nextId)).followUps.map((f) => [f.text, f.done]))
    .toEqual([['Write the refund macro', true]]);
  expect((await meetingOf(request, app, first.id)).followUps[0]!.carriedTo).toBe(nextId);

  // Its review date has come: the chair asks, and the answer is stored with the decision in the first meeting.
  await expect(chair(page).getByText('Did this turn out for the customer as we expected?')).toBeVisible();
  await chair(page).getByRole('button', { name: 'Helps' }).click();
  await expect(chair(page).getByText(/— as predicted\./)).toBeVisible();
  const decision = (await meetingOf(request, app, first.id)).agenda[0]!.decisions[0]!;
  expect(decision.outcome).toMatchObject({ direction: 'helps', meetingId: nextId });
  expect(problems).toEqual([]);
});
