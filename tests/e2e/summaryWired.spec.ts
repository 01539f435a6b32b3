import { spawnSync } from 'node:child_process';
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

test('PDF in browser mode opens the print dialog (not ignored by the sandbox), and the printed page is the summary alone', async ({
  page,
  request,
}, testInfo) => {
  app = await startWebApp(tempDataDir());
  const meeting = await api<Meeting>(request, app, 'meetings.create', {
    title: 'Pricing page review',
    scheduledAt: '2026-11-24T09:30:00Z',
    agenda: [{ title: 'New tiers' }],
  });
  await api(request, app, 'meetings.start', { id: meeting.id });
  await api(request, app, 'decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: 'Three tiers', direction: 'hurts', tagIds: ['pricing'] },
  });
  await api(request, app, 'meetings.end', { id: meeting.id, skip: true });
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  // Counts calls that reach the browser's own print(); a sandbox without allow-modals ignores them.
  await page.addInitScript(() => {
    const print = window.print.bind(window);
    window.print = () => {
      (window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1;
      print();
    };
  });

  await page.goto(app.appUrl);
  await page.getByRole('link', { name: 'Pricing page review' }).click();
  await page.getByRole('button', { name: 'Impact summary' }).click();
  await page.getByRole('button', { name: 'PDF' }).click();
  await expect(page.getByText('To keep a PDF, choose “Save as PDF” as the printer in the print dialog.')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { printed?: number }).printed)).toBe(1);
  expect(consoleLines.filter((line) => /Ignored call to 'print\(\)'/.test(line))).toEqual([]);

  // What the print dialog saves: the page in print media, as Chromium's "Save as PDF" makes it. The
  // first tab's dialog is still open (headless Chromium keeps it pending), so a second tab prints.
  const second = await page.context().newPage();
  await second.goto(app.appUrl);
  await second.getByRole('link', { name: 'Pricing page review' }).click();
  await second.getByRole('button', { name: 'Impact summary' }).click();
  await expect(second.getByText('Three tiers').first()).toBeVisible();
  await second.emulateMedia({ media: 'print' });
  const file = testInfo.outputPath('summary.pdf');
  fs.writeFileSync(file, await second.pdf({ format: 'A4' }));
  const pdftotext = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (pdftotext.error) {
    testInfo.annotations.push({ type: 'note', description: 'pdftotext (poppler-utils) is not installed: the PDF text was not read back' });
    console.log('pdftotext (poppler-utils) is not installed here: the PDF was made but its text not read back.');
    return;
  }
  expect(pdftotext.stdout).toContain('Pricing page review');
  expect(pdftotext.stdout).toContain('Three tiers');
  expect(pdftotext.stdout).not.toContain('Back up now');
});
