/**
 * Golden files: each format, made from the deterministic fixture, must match the file in
 * fixtures/golden byte for byte. After a deliberate change, rewrite them with
 *   UPDATE_GOLDEN=1 npx vitest run tests/unit/exportGolden.test.ts
 * and read the diff before committing it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { meetingsToCsv, meetingToCsv } from '../../shared/export/csv';
import { meetingToHtml } from '../../shared/export/html';
import { meetingsToJson, meetingToJson, parseExportFile, parseMeetingExport } from '../../shared/export/json';
import { meetingToMarkdown } from '../../shared/export/markdown';
import { buildReport, buildReportSync } from '../../shared/export/report';
import { summarizeImpact } from '../../shared/summary/summary';
import { FIXTURE_EXPORTED_AT, fixtureLibrary, fixtureMeeting, PERSONAS, secondMeeting } from './fixtures/meeting';

const GOLDEN_DIR = path.join(import.meta.dirname, 'fixtures', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (UPDATE) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`No golden file ${name}: run with UPDATE_GOLDEN=1 to create it, then review it.`);
  // Compared as strings so a failure shows a line diff; bytes are what matter (CRLF in CSV, BOM).
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

const library = fixtureLibrary();
const meeting = fixtureMeeting();
const summary = summarizeImpact(meeting, library);
const both = [meeting, secondMeeting()];
const REPORT_AT = '2026-12-02T08:00:00.000Z';

describe('golden exports of the fixture meeting', () => {
  it('Markdown', () => expectGolden('meeting.md', meetingToMarkdown(meeting, summary, library)));
  it('HTML', () => expectGolden('meeting.html', meetingToHtml(meeting, summary, library)));
  it('CSV, one meeting', () => expectGolden('meeting.csv', meetingToCsv(meeting, summary, library)));
  it('CSV, several meetings', () => expectGolden('meetings.csv', meetingsToCsv(both, library)));
  it('JSON', () => expectGolden('meeting.json', meetingToJson(meeting, summary, library, { exportedAt: FIXTURE_EXPORTED_AT })));
  it('report, Markdown', () => expectGolden('report.md', buildReportSync(both, library, { format: 'md', generatedAt: REPORT_AT })));
  it('report, HTML', () => expectGolden('report.html', buildReportSync(both, library, { format: 'html', generatedAt: REPORT_AT })));
});

describe('JSON export', () => {
  it('parses back to exactly the meeting exported', () => {
    const parsed = parseMeetingExport(meetingToJson(meeting, summary, library, { exportedAt: FIXTURE_EXPORTED_AT }));
    expect(parsed.meeting).toEqual(meeting);
    expect(parsed.exportedAt).toBe(FIXTURE_EXPORTED_AT);
  });

  it('carries the personas in the chair and the tags used, nothing else', () => {
    const parsed = parseMeetingExport(meetingToJson(meeting, summary, library, { exportedAt: FIXTURE_EXPORTED_AT }));
    // persona-deleted is in the chair but not in the library: it cannot be exported, and is not invented.
    expect(parsed.personas).toEqual([PERSONAS[0], PERSONAS[1]]);
    // A tag the library lost is still described, by its id, so the file imports elsewhere.
    expect(parsed.tags).toEqual([
      { id: 'pricing', label: 'pricing', builtIn: true },
      { id: 'onboarding', label: 'onboarding', builtIn: true },
      { id: 'tag-billing-clarity', label: 'billing clarity', builtIn: false },
      { id: 'tag-deleted-legacy', label: 'tag-deleted-legacy', builtIn: false },
    ]);
  });

  it('a multi-meeting file parses back to every meeting', () => {
    const parsed = parseExportFile(meetingsToJson(both, library, { exportedAt: FIXTURE_EXPORTED_AT }));
    expect(parsed.meetings).toEqual(both);
  });

  it('refuses what is not an export with a typed error naming the problem', () => {
    const attempt = (text: string) => {
      try {
        parseMeetingExport(text);
      } catch (error) {
        return error as { code: string; message: string; issues?: { path: string }[] };
      }
      throw new Error('parsed');
    };
    expect(attempt('{not json')).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not valid JSON') });
    expect(attempt('[]')).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not an Empty Chair export') });
    expect(attempt('{"format":"something-else"}')).toMatchObject({ message: expect.stringContaining('"something-else"') });
    const newer = JSON.parse(meetingToJson(meeting, summary, library, { exportedAt: FIXTURE_EXPORTED_AT }));
    newer.formatVersion = 2;
    expect(attempt(JSON.stringify(newer))).toMatchObject({ message: expect.stringContaining('newer Empty Chair') });
    const broken = JSON.parse(meetingToJson(meeting, summary, library, { exportedAt: FIXTURE_EXPORTED_AT }));
    broken.meeting.agenda[1].decisions[0].direction = 'sideways';
    const error = attempt(JSON.stringify(broken));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('meeting.agenda.1.decisions.0.direction');
    expect(error.issues?.[0]?.path).toBe('meeting.agenda.1.decisions.0.direction');
  });
});

describe('multi-meeting report', () => {
  it('reports progress chunk by chunk and gives the same text async and sync', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ ...fixtureMeeting(), id: `m-${i}`, title: `Review ${i}` }));
    const progress: [number, number][] = [];
    const text = await buildReport(many, library, {
      format: 'md',
      generatedAt: REPORT_AT,
      chunkSize: 10,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(progress).toEqual([
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
    expect(text).toBe(buildReportSync(many, library, { format: 'md', generatedAt: REPORT_AT }));
    expect(text).toContain('| **Total** | 25 meetings | | 125 of 150 (83%) | 125 | 50 | 50 |');
  });

  it('handles no meetings', () => {
    const progress: [number, number][] = [];
    expect(buildReportSync([], library, { format: 'md', generatedAt: REPORT_AT, onProgress: (d, t) => progress.push([d, t]) })).toContain(
      'No meetings.',
    );
    expect(progress).toEqual([[0, 0]]);
  });
});
