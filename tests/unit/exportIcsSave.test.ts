/**
 * The calendar export on the desktop save path (electron/files.ts): the .ics text is written as it
 * came (CRLF kept), with the Calendar filter, and the file on disk is one ical.js reads.
 */
import fs from 'node:fs';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { ICS_MIME, meetingToIcs } from '../../shared/export/ics';
import { summarizeImpact } from '../../shared/summary/summary';
import { fileHandlers } from './fileHandlers';
import { fixtureLibrary, fixtureMeeting } from './fixtures/meeting';

describe('saving an .ics from the desktop app', () => {
  it('writes the calendar exactly, CRLF included, as a Calendar file', async () => {
    const { asked, save } = fileHandlers();
    const meeting = fixtureMeeting();
    const text = meetingToIcs(meeting, summarizeImpact(meeting, fixtureLibrary()), { now: '2026-11-24T12:00:00.000Z' });
    // The renderer sends the bare type (saveFile's mimeEssence); the parameter is accepted too.
    const outcome = await save('Review.ics', ICS_MIME, text);
    expect(asked).toEqual([{ name: 'Calendar', extensions: ['ics'], defaultName: 'Review.ics' }]);
    expect(outcome.saved).toBe(true);
    const written = fs.readFileSync(outcome.path!, 'utf8');
    expect(written).toBe(text);
    expect(written).toContain('\r\n');
    expect(new ICAL.Component(ICAL.parse(written)).getAllSubcomponents('vevent')).toHaveLength(1);
  });
});
