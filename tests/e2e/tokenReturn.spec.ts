/**
 * Issue 18 §3: a bookmark or a second tab without the start's token showed only "Open the link
 * Empty Chair printed". It now says where the data folder is and that `npm start` prints the link,
 * takes the link pasted in place, and once the link is opened the page the bookmark pointed at
 * opens. Without the token still nothing of the library is served.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import type { Meeting } from '../../shared/domain';
import { api, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

const dataFolderOf = (app: WebApp) => /Data folder: (.+)\. Press Ctrl\+C/.exec(app.output())![1]!;

test('a bookmark without the token says where the data is and how to get the link, and the link then opens its meeting', async ({
  context,
  page,
}) => {
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  const meeting = await api<Meeting>(page.request, app, 'meetings.create', {
    title: 'Bookmarked pricing review',
    scheduledAt: '2026-11-24T09:30:00Z',
    agenda: [{ title: 'Tiers' }],
  });
  await api(page.request, app, 'meetings.create', { title: 'Another meeting', scheduledAt: '2026-11-25T09:30:00Z', agenda: [] });

  // The bookmark: the meeting's address without the token, in a fresh tab.
  await page.goto(`${app.origin}/#/meetings/${meeting.id}`);
  const notice = page.locator('.notice-screen');
  await expect(page.getByRole('heading', { level: 1, name: 'Open the link Empty Chair printed' })).toBeVisible();
  await expect(notice).toContainText(`Your meetings are kept in ${dataFolderOf(app)}.`);
  await expect(notice).toContainText('run npm start. It prints a new link to open.');
  await expect(notice).toContainText('Empty Chair then opens the meeting this link points at.');
  await expect(page.getByText('Bookmarked pricing review')).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('main').withTags(WCAG).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  // The printed link, opened in another tab of the same browser, opens the bookmarked meeting.
  const second = await context.newPage();
  await second.goto(app.appUrl);
  await expect(second.getByRole('heading', { level: 1 })).toHaveText('Bookmarked pricing review');
  expect(new URL(second.url()).hash).toBe(`#/meetings/${meeting.id}`);
  // Once: the next link opened goes to the meeting list as usual.
  const third = await context.newPage();
  await third.goto(app.appUrl);
  await expect(third.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();

  // Or the link pasted into the bookmark's own tab, with the keyboard: the same meeting opens there.
  const field = page.getByLabel('Or paste the link here');
  await field.fill('not a link');
  await field.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(/That is not a link/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill(`${app.origin}/#/meetings/${meeting.id}`);
  await field.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(/no #token= part/);
  await field.fill(app.appUrl);
  await field.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bookmarked pricing review');
  expect(new URL(page.url()).hash).toBe(`#/meetings/${meeting.id}`);
  expect(problems).toEqual([]);
});

test('without the token the server tells where the data is and nothing else; other sites get nothing', async ({ request }) => {
  app = await startWebApp(tempDataDir());
  const info = await request.get(`${app.origin}/api/start-info`);
  expect(info.status()).toBe(200);
  expect(await info.json()).toEqual({ ok: true, value: { dataDir: dataFolderOf(app), command: 'npm start' } });
  expect((await request.post(`${app.origin}/api/library.get`, { data: {} })).status()).toBe(401);
  expect((await request.post(`${app.origin}/api/meetings.list`, { data: {} })).status()).toBe(401);
  expect((await request.get(`${app.origin}/api/start-info`, { headers: { origin: 'http://evil.example' } })).status()).toBe(403);
});
