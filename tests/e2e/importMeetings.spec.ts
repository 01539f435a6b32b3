/**
 * "Import meeting…" in real Chromium against browser mode, with the multi-meeting JSON the Reports
 * page writes: a preview of titles, dates and meetings already here, then all of them at once over
 * HTTP, one of them a meeting far above the old 1 MiB request cap (60 items with 19,000-character
 * notes); a file with one bad meeting imports none.
 */
import { expect, request as requests, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import type { Library, Meeting } from '../../shared/domain';
import { meetingsToJson } from '../../shared/export/json';
import { api, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

const apps: WebApp[] = [];
test.afterEach(async () => {
  for (const app of apps.splice(0)) {
    await app.stop();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }
});

async function reportFile(dir: string): Promise<{ file: string; meetings: Meeting[]; library: Library }> {
  const source = await startWebApp(tempDataDir());
  apps.push(source);
  const request = await requests.newContext();
  const long = await api<Meeting>(request, source, 'meetings.create', {
    title: 'Long notes review',
    scheduledAt: '2026-11-24T09:30:00.000Z',
    agenda: Array.from({ length: 60 }, (_, i) => ({ title: `Item ${i + 1}`, notes: 'é'.repeat(19_000) })),
  });
  const short = await api<Meeting>(request, source, 'meetings.create', {
    title: 'Onboarding review',
    scheduledAt: '2026-12-01T14:00:00.000Z',
    agenda: [{ title: 'Checklist' }],
  });
  const library = await api<Library>(request, source, 'library.get');
  await request.dispose();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'report.json');
  fs.writeFileSync(file, meetingsToJson([long, short], library));
  return { file, meetings: [long, short], library };
}

test('the multi-meeting JSON of a report is previewed, then imported whole; a bad one imports nothing', async ({ page }, testInfo) => {
  const { file, meetings } = await reportFile(testInfo.outputDir);
  expect(fs.statSync(file).size).toBeGreaterThan(2 * 1024 * 1024);
  const app = await startWebApp(tempDataDir());
  apps.push(app);
  // The list (with its Import button) shows once the library has a meeting; a first run shows the welcome.
  await api<Meeting>(page.request, app, 'meetings.create', { title: 'Already here', scheduledAt: '2026-10-01T09:00:00.000Z' });
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);

  // A copy of the file with one inconsistent meeting first: refused in the dialog, nothing imported.
  const bad = JSON.parse(fs.readFileSync(file, 'utf8')) as { meetings: Meeting[] };
  bad.meetings[1]!.currentItemId = 'no-such-item';
  const badFile = path.join(testInfo.outputDir, 'bad-report.json');
  fs.writeFileSync(badFile, JSON.stringify(bad));
  await page.getByLabel('Meeting file to import (.json)').setInputFiles(badFile);
  let dialog = page.getByRole('dialog', { name: 'Import 2 meetings?' });
  await dialog.getByRole('button', { name: 'Import 2 meetings' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Cannot import "Onboarding review" (meeting 2 of 2); nothing was imported: The current item no-such-item',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await api<Library>(page.request, app, 'library.get')).meetings.map((m) => m.title)).toEqual(['Already here']);

  await page.getByLabel('Meeting file to import (.json)').setInputFiles(file);
  dialog = page.getByRole('dialog', { name: 'Import 2 meetings?' });
  const rows = dialog.getByRole('list', { name: 'Meetings in the file' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Long notes review');
  await expect(rows.nth(1)).toContainText('Onboarding review');
  await expect(rows.nth(0).locator('time')).toHaveAttribute('datetime', '2026-11-24T09:30:00.000Z');
  await expect(dialog).not.toContainText('already in your library');
  await dialog.getByRole('button', { name: 'Import 2 meetings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 meetings.' })).toBeVisible();
  const library = await api<Library>(page.request, app, 'library.get');
  expect(library.meetings.map((m) => m.title)).toEqual(['Onboarding review', 'Long notes review', 'Already here']);
  const long = await api<Meeting>(page.request, app, 'meetings.get', { id: meetings[0]!.id });
  expect(long.agenda.map((item) => item.notes.length)).toEqual(Array(60).fill(19_000));

  // The same file again: both are marked as already here, and come in as copies when asked.
  await page.getByLabel('Meeting file to import (.json)').setInputFiles(file);
  dialog = page.getByRole('dialog', { name: 'Import 2 meetings?' });
  await expect(dialog.getByRole('note')).toContainText('All of them are already in your library');
  await dialog.getByRole('button', { name: 'Import 2 as copies' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 meetings as copies.' })).toBeVisible();
  expect((await api<Library>(page.request, app, 'library.get')).meetings).toHaveLength(5);
  expect(problems).toEqual([]);
});

test('a meeting of 60 items with 19,000-character notes is saved from the meeting editor (above the old 1 MiB cap)', async ({ page }) => {
  const app = await startWebApp(tempDataDir());
  apps.push(app);
  const meeting = await api<Meeting>(page.request, app, 'meetings.create', {
    title: 'Long notes review',
    scheduledAt: '2026-11-24T09:30:00.000Z',
    agenda: Array.from({ length: 60 }, (_, i) => ({ title: `Item ${i + 1}`, notes: 'é'.repeat(19_000) })),
  });
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  await page.getByRole('link', { name: 'Long notes review' }).click();
  await page.getByRole('button', { name: 'Edit meeting' }).click();
  await page.getByLabel('Item 1 title').fill('Item 1, renamed in the editor');
  const saving = page.waitForRequest((request) => request.url().endsWith('/api/meetings.update'));
  await page.getByRole('button', { name: 'Save meeting' }).click();
  // The editor sends the whole agenda, notes included: far above the 1 MiB browser mode used to allow.
  expect(Buffer.byteLength((await saving).postData() ?? '')).toBeGreaterThan(2 * 1024 * 1024);
  await expect
    .poll(async () => (await api<Meeting>(page.request, app, 'meetings.get', { id: meeting.id })).agenda[0]!.title, { timeout: 30_000 })
    .toBe('Item 1, renamed in the editor');
  const saved = await api<Meeting>(page.request, app, 'meetings.get', { id: meeting.id });
  expect(saved.agenda.map((item) => item.notes.length)).toEqual(Array(60).fill(19_000));
  expect(problems).toEqual([]);
});
