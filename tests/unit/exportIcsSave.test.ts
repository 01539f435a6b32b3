/**
 * The calendar export on the desktop save path (electron/files.ts): the .ics text is written as it
 * came (CRLF kept), with the Calendar filter, and the file on disk is one ical.js reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { registerFileHandlers, SAVE_FILE_CHANNEL, type FileHost } from '../../electron/files';
import { ICS_MIME, meetingToIcs } from '../../shared/export/ics';
import { summarizeImpact } from '../../shared/summary/summary';
import { fixtureLibrary, fixtureMeeting } from './fixtures/meeting';
import { tempDir } from './helpers';

describe('saving an .ics from the desktop app', () => {
  it('writes the calendar exactly, CRLF included, as a Calendar file', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const dir = tempDir('empty-chair-ics-save-');
    const asked: { name: string; extensions: string[] }[] = [];
    const host: FileHost = {
      chooseSavePath: async (defaultName, filter) => {
        asked.push(filter);
        return path.join(dir, defaultName);
      },
      renderPdf: async () => new Uint8Array(),
      isTrustedSender: () => true,
    };
    registerFileHandlers({ handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) }, host);
    const meeting = fixtureMeeting();
    const text = meetingToIcs(meeting, summarizeImpact(meeting, fixtureLibrary()), { now: '2026-11-24T12:00:00.000Z' });
    // The renderer sends the bare type (saveFile's mimeEssence); the parameter is accepted too.
    const outcome = (await handlers.get(SAVE_FILE_CHANNEL)!({}, 'Review.ics', ICS_MIME, text)) as { saved: boolean; path?: string };
    expect(asked).toEqual([{ name: 'Calendar', extensions: ['ics'] }]);
    expect(outcome.saved).toBe(true);
    const written = fs.readFileSync(outcome.path!, 'utf8');
    expect(written).toBe(text);
    expect(written).toContain('\r\n');
    expect(new ICAL.Component(ICAL.parse(written)).getAllSubcomponents('vevent')).toHaveLength(1);
  });
});
