/**
 * Times in the Markdown, HTML and report exports read in the lead's time zone, with its offset on
 * that day; JSON and CSV keep ISO instants for machines.
 */
import { describe, expect, it } from 'vitest';
import { exportMeeting, exportMeetings } from '../../shared/export';
import { exportTimeZone, formatInstant } from '../../shared/export/text';
import { fixtureLibrary, fixtureMeeting, secondMeeting } from './fixtures/meeting';

describe('formatInstant', () => {
  it.each([
    ['2026-11-24T09:30:00.000Z', 'UTC', '2026-11-24 09:30 UTC'],
    ['2026-11-24T09:30:00.000Z', 'Europe/Berlin', '2026-11-24 10:30 UTC+01:00'],
    ['2026-07-24T09:30:00.000Z', 'Europe/Berlin', '2026-07-24 11:30 UTC+02:00'],
    ['2026-11-24T03:30:00.000Z', 'America/New_York', '2026-11-23 22:30 UTC-05:00'],
    ['2026-11-24T09:30:00.000Z', 'Asia/Kolkata', '2026-11-24 15:00 UTC+05:30'],
    ['2026-11-24T09:30:00.000Z', 'Europe/London', '2026-11-24 09:30 UTC+00:00'],
    ['2026-11-24T10:30:00+01:00', 'UTC', '2026-11-24 09:30 UTC'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(formatInstant(instant, zone)).toBe(expected);
  });

  it('an unknown zone falls back to UTC, and unreadable text is shown as it is', () => {
    expect(exportTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(formatInstant('2026-11-24T09:30:00.000Z', 'Mars/Olympus_Mons')).toBe('2026-11-24 09:30 UTC');
    expect(formatInstant('next tuesday', 'Europe/Berlin')).toBe('next tuesday');
  });
});

describe('exports in the lead time zone', () => {
  const meeting = fixtureMeeting();
  const library = fixtureLibrary();

  it('Markdown and HTML show the scheduled time in the zone, with its offset', () => {
    expect(meeting.scheduledAt).toBe('2026-11-24T09:30:00.000Z');
    for (const format of ['md', 'html'] as const) {
      const text = exportMeeting(meeting, library, format, { timeZone: 'Europe/Berlin' }).text;
      expect(text).toContain('2026-11-24 10:30 UTC+01:00');
      expect(text).not.toContain('09:30 UTC');
    }
  });

  it('JSON and CSV keep ISO instants whatever the zone', () => {
    const json = exportMeeting(meeting, library, 'json', { timeZone: 'Europe/Berlin', now: '2026-11-24T12:00:00.000Z' }).text;
    expect(json).toContain('"scheduledAt": "2026-11-24T09:30:00.000Z"');
    const csv = exportMeeting(meeting, library, 'csv', { timeZone: 'Europe/Berlin' }).text;
    expect(csv).not.toContain('UTC+01:00');
    expect(csv).toContain('2026-11-24T09:30:00.000Z');
  });

  it('reports show each meeting and the generation time in the zone', async () => {
    const report = await exportMeetings([meeting, secondMeeting()], library, 'md', {
      timeZone: 'Asia/Kolkata',
      now: '2026-11-30T12:00:00.000Z',
    });
    expect(report.text).toContain('2026-11-24 15:00 UTC+05:30');
    const html = await exportMeetings([meeting], library, 'html', { timeZone: 'Asia/Kolkata', now: '2026-11-30T12:00:00.000Z' });
    expect(html.text).toContain('Generated 2026-11-30 17:30 UTC+05:30 by Empty Chair.');
  });
});
