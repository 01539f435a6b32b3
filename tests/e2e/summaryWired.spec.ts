import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Meeting } from '../../shared/domain';
import { api } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp;
test.afterEach(async () => {
  await app?.stop();
});

test('an ended meeting opens its impact summary, which exports Markdown as a download', async ({ page, request }) => {
  app = await startWebApp(tempDataDir());
  let meeting = await api<Meeting>(request, app, 'meetings.create', {
    title: 'Pricing page review',
    scheduledAt: '2026-11-24T09:30:00Z',
    agenda: [{ title: 'New tiers' }],
  });
  await api(request, app, 'meetings.start', { id: meeting.id });
  await api(request, app, 'chair.answer', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    changes: { text: 'Clearer bills', direction: 'helps' },
  });
  meeting = await api<Meeting>(request, app, 'decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: 'Three tiers', direction: 'hurts', tagIds: ['pricing'] },
  });
  await api(request, app, 'meetings.end', { id: meeting.id });

  await page.goto(app.appUrl);
  await page.getByRole('link', { name: 'Pricing page review' }).click();
  await page.getByRole('button', { name: 'Impact summary' }).click();
  await expect(page).toHaveURL(new RegExp(`#/meetings/${meeting.id}/summary$`));
  await expect(page.getByRole('heading', { level: 1, name: /Pricing page review/ })).toBeVisible();
  await expect(page.getByText('Three tiers').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Markdown/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/Pricing page review.*\.md$/);
  const text = fs.readFileSync((await file.path())!, 'utf8');
  expect(text).toMatch(/^---\n/);
  expect(text).toContain('Three tiers');
});

test('Backups in the header makes a backup and lists it', async ({ page, request }) => {
  app = await startWebApp(tempDataDir());
  await api(request, app, 'meetings.create', { title: 'Kept safe', scheduledAt: '2026-11-24T09:30:00Z', agenda: [] });
  await page.goto(app.appUrl);
  await page.getByRole('button', { name: 'Backups' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backups' });
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  await expect(dialog.getByRole('button', { name: /Restore the backup of/ }).first()).toBeVisible();
  const backups = await api<{ reason: string }[]>(request, app, 'backups.list');
  expect(backups.some((b) => b.reason === 'manual')).toBe(true);
});
