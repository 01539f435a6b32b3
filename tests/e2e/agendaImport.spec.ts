/**
 * "Import agenda…" in real Chromium against browser mode: pasted lines and an .ics file chosen
 * through the real file input are previewed, then created; a broken .ics is refused with the
 * parser's message and creates nothing; a planned meeting's agenda gets the items in one change.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import type { Library, Meeting } from '../../shared/domain';
import { api, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

test('an .ics event is previewed, then fills the New meeting form; a broken one is refused and creates nothing', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  const problems = watchForProblems(page);
  await page.goto(app.appUrl);
  await page.getByRole('button', { name: 'New meeting' }).click();
  await page.getByRole('button', { name: 'Import agenda…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an agenda' });
  await dialog.getByRole('radio', { name: 'A calendar event (.ics file)' }).check();

  // A broken file first: a clear message, no preview, nothing to create.
  await dialog.getByLabel('Calendar file (.ics)').setInputFiles(path.join(FIXTURES, 'broken-start.ics'));
  await expect(dialog.getByRole('alert')).toHaveText(/^“broken-start\.ics” was not imported\. The event's start time cannot be read/);
  await expect(dialog.getByRole('region', { name: /Preview/ })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Fill in the form' })).toBeDisabled();
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // Google Calendar's export: Berlin time, a folded description line, escaped commas.
  await dialog.getByLabel('Calendar file (.ics)').setInputFiles(path.join(FIXTURES, 'google-pricing-review.ics'));
  const preview = dialog.getByRole('region', { name: 'Preview of the meeting to create' });
  await expect(preview.getByRole('textbox', { name: 'Meeting title' })).toHaveValue('Pricing review, Q3');
  await expect(preview.locator('time')).toHaveAttribute('datetime', '2026-11-24T08:30:00.000Z');
  await expect(preview).toContainText('Ben Okafor, chloe@example.com');
  await expect(preview.getByRole('listitem')).toHaveText(['New tiers, seats and usage · 15 min', 'Trial length · 10 min', 'Legacy plans']);
  expect((await api<Library>(page.request, app, 'library.get')).meetings).toHaveLength(0);

  // The import fills the form; nothing is saved until the lead saves it.
  await dialog.getByRole('button', { name: 'Fill in the form' }).click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Pricing review, Q3');
  await expect(page.getByLabel('Item 3 title')).toHaveValue('Legacy plans');
  expect((await api<Library>(page.request, app, 'library.get')).meetings).toHaveLength(0);
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pricing review, Q3' })).toBeVisible();
  const [summary] = (await api<Library>(page.request, app, 'library.get')).meetings;
  const meeting = await api<Meeting>(page.request, app, 'meetings.get', { id: summary!.id });
  expect(meeting).toMatchObject({
    title: 'Pricing review, Q3',
    scheduledAt: '2026-11-24T08:30:00.000Z',
    lead: 'Ana Morales',
    participants: ['Ben Okafor', 'chloe@example.com'],
  });
  expect(meeting.agenda.map((item) => [item.title, item.timeboxMinutes])).toEqual([
    ['New tiers, seats and usage', 15],
    ['Trial length', 10],
    ['Legacy plans', 10],
  ]);
  expect(problems).toEqual([]);
});

test('pasted lines are previewed and added to a planned meeting; Cancel adds nothing', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  const planned = await api<Meeting>(page.request, app, 'meetings.create', {
    title: 'Weekly sync',
    scheduledAt: '2026-11-24T09:30:00.000Z',
    agenda: [{ title: 'Last week', owner: 'Ana', notes: 'Keep these notes' }],
  });
  await page.goto(app.appUrl);
  await page.getByRole('link', { name: 'Weekly sync' }).click();

  const open = async () => {
    await page.getByRole('button', { name: 'Import agenda…' }).click();
    return page.getByRole('dialog', { name: 'Import an agenda' });
  };
  let dialog = await open();
  await dialog.getByRole('textbox', { name: 'Agenda lines' }).fill('Something');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import agenda…' })).toBeFocused();
  expect((await api<Meeting>(page.request, app, 'meetings.get', { id: planned.id })).revision).toBe(planned.revision);

  dialog = await open();
  await dialog.getByRole('textbox', { name: 'Agenda lines' }).fill('1. Metrics (10 min)\n2. Hiring\n\n- Risks (5 min)');
  await expect(dialog.getByRole('list', { name: 'Agenda items to import' }).getByRole('listitem')).toHaveText([
    'Metrics · 10 min',
    'Hiring',
    'Risks · 5 min',
  ]);
  await dialog.getByRole('button', { name: 'Add 3 items' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.agenda-item-title')).toHaveText(['Last week', 'Metrics', 'Hiring', 'Risks']);
  const stored = await api<Meeting>(page.request, app, 'meetings.get', { id: planned.id });
  expect(stored.revision).toBe(planned.revision + 1);
  expect(stored.agenda[0]).toMatchObject({ id: planned.agenda[0]!.id, owner: 'Ana', notes: 'Keep these notes' });
  expect(stored.agenda.map((item) => item.timeboxMinutes)).toEqual([10, 10, 10, 5]);
});

test('500 pasted lines: the warnings come first, say 300 are left out, and name a 5,000-minute agenda', async ({ page }) => {
  app = await startWebApp(tempDataDir());
  await page.goto(app.appUrl);
  await page.getByRole('button', { name: 'New meeting' }).click();
  await page.getByRole('button', { name: 'Import agenda…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an agenda' });
  await dialog
    .getByRole('textbox', { name: 'Agenda lines' })
    .fill(Array.from({ length: 500 }, (_, n) => `Topic ${n + 1} (25 min)`).join('\n'));
  const warnings = dialog.locator('.import-warnings');
  await expect(warnings).toContainText('500 lines were pasted');
  await expect(warnings).toContainText('the other 300 are left out');
  await expect(warnings).toContainText('The agenda adds up to 5,000 minutes (83 h 20 min)');
  // Above the list of items, where it is seen without scrolling.
  const [warningsTop, listTop] = await Promise.all([
    warnings.boundingBox(),
    dialog.getByRole('list', { name: 'Agenda items to import' }).boundingBox(),
  ]);
  expect(warningsTop!.y).toBeLessThan(listTop!.y);
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});
