/**
 * The calendar export from the summary screen in Chromium (browser mode): "Calendar" downloads an
 * .ics that ical.js (Mozilla's parser) reads back with the follow-up due on its day and the next
 * meeting of the series, hostile text inert; axe finds nothing in the export menu. "Add to calendar"
 * beside the follow-up downloads that one event alone.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import ICAL from 'ical.js';
import type { Meeting } from '../../shared/domain';
import { followUpUid, meetingUid } from '../../shared/export/ics';
import { api } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp;
test.afterEach(async () => {
  await app?.stop();
});

test('Calendar downloads an .ics with the dated follow-up and the next meeting, which ical.js reads', async ({ page, request }) => {
  app = await startWebApp(tempDataDir());
  const meeting = await api<Meeting>(request, app, 'meetings.create', {
    title: 'Pricing; review, "Q3" \\ tiers',
    scheduledAt: '2026-11-24T09:30:00.000Z',
    lead: 'Ana',
    agenda: [
      { title: 'New tiers', timeboxMinutes: 20 },
      { title: 'Trial length', timeboxMinutes: 25 },
    ],
  });
  const hostile = 'Call Acme\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:injected';
  const withFollowUp = await api<Meeting>(request, app, 'followUps.add', {
    meetingId: meeting.id,
    text: hostile,
    owner: 'Ben',
    dueDate: '2026-12-02',
  });
  const followUpId = withFollowUp.followUps.at(-1)!.id;
  // Run and ended: the meeting itself is past, so the calendar holds the next one and the follow-up.
  await api(request, app, 'meetings.start', { id: meeting.id });
  await api(request, app, 'meetings.end', { id: meeting.id, skip: true });
  const next = await api<Meeting>(request, app, 'meetings.createNext', { id: meeting.id, scheduledAt: '2026-12-08T09:30:00.000Z' });

  await page.goto(app.appUrl);
  await page.locator(`a[href$="/meetings/${meeting.id}"]`).click();
  await page.getByRole('button', { name: 'Impact summary' }).click();
  await expect(page).toHaveURL(new RegExp(`#/meetings/${meeting.id}/summary$`));
  const menu = page.getByRole('group', { name: 'Export' });
  await expect(menu.getByRole('button', { name: 'Export as Calendar' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('.exp-menu').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);

  // Keyboard: focus the button and press Enter.
  const download = page.waitForEvent('download');
  await menu.getByRole('button', { name: 'Export as Calendar' }).focus();
  await page.keyboard.press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toBe('2026-11-24 Pricing; review, -Q3- - tiers.ics');
  await expect(page.locator('.exp-menu .exp-status')).toContainText('Downloaded “2026-11-24 Pricing; review, -Q3- - tiers.ics”');

  const text = fs.readFileSync((await file.path())!, 'utf8');
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  expect(events.map((e) => e.uid)).toEqual([meetingUid(next.id), followUpUid(meeting.id, followUpId)]);
  // The next meeting's title carries its day (Next in series), and the escaped characters survive.
  expect(next.title).toBe('Pricing; review, "Q3" \\ tiers (2026-12-08)');
  expect(events[0]!.summary).toBe(next.title);
  expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-12-08T09:30:00.000Z');
  expect(events[0]!.endDate.toJSDate().toISOString()).toBe('2026-12-08T10:15:00.000Z');
  expect(events[1]!.startDate.isDate).toBe(true);
  expect(events[1]!.startDate.toString()).toBe('2026-12-02');
  expect(events[1]!.summary).toBe(`Follow-up: ${hostile}`);

  // "Add to calendar" beside the follow-up: its event alone, byte for byte as in the meeting's file.
  const followUps = page.getByRole('region', { name: /Open follow-ups/ });
  const add = followUps.getByRole('button', { name: /^Add to calendar: Call Acme/ });
  await expect(add).toBeVisible();
  const axeFollowUps = await new AxeBuilder({ page })
    .include('.sum-follow-ups')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(axeFollowUps.violations).toEqual([]);
  const single = page.waitForEvent('download');
  await add.focus();
  await page.keyboard.press('Enter');
  const one = await single;
  expect(one.suggestedFilename()).toMatch(/^Follow-up- Call Acme.*\.ics$/);
  await expect(followUps.getByRole('status')).toContainText(`Downloaded “${one.suggestedFilename()}”`);
  const oneText = fs.readFileSync((await one.path())!, 'utf8');
  const alone = new ICAL.Component(ICAL.parse(oneText)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  expect(alone.map((e) => [e.uid, e.summary, e.startDate.toString()])).toEqual([
    [followUpUid(meeting.id, followUpId), `Follow-up: ${hostile}`, '2026-12-02'],
  ]);
  const stamp = (t: string) => t.replace(/DTSTAMP:\S+/g, '');
  expect(stamp(text)).toContain(stamp(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/.exec(oneText)![0]));
});
