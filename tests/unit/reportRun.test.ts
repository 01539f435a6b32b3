/**
 * A report over many meetings as the Reports screen makes it (shared/export/reportRun.ts) against
 * the real service: reports.meetings answers batches within its limit, and the report streamed a
 * batch at a time is exactly the one built from every meeting at once, in every format.
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/dashboard';
import type { Library, Meeting } from '../../shared/domain';
import { exportMeetings, EXPORT_FORMATS } from '../../shared/export';
import { reportBatchSize, runMeetingsReport, type MeetingsBatch } from '../../shared/export/reportRun';
import { LIMITS } from '../../shared/limits';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { generateLibrary } from '../../scripts/bench/generate';
import { tempDir } from './helpers';

const opened: OpenLibrary[] = [];
afterEach(() => opened.splice(0).forEach((library) => library.close()));

function openGenerated(meetings: number): OpenLibrary {
  const dir = tempDir('empty-chair-report-run-');
  generateLibrary(dir, { meetings, decisionsPerMeeting: 3, keep: false });
  const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
  opened.push(library);
  return library;
}
function value<T>(library: OpenLibrary, method: string, input: unknown): T {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('reports.meetings', () => {
  it(`answers up to ${LIMITS.reportBatchMax} meetings per call and refuses one more, naming the limit`, () => {
    const library = openGenerated(LIMITS.reportBatchMax + 1);
    const ids = value<Library>(library, 'library.get', {}).meetings.map((m) => m.id);
    const answer = value<MeetingsBatch>(library, 'reports.meetings', { ids: ids.slice(0, LIMITS.reportBatchMax) });
    expect(answer.meetings.map((m) => m.id)).toEqual(ids.slice(0, LIMITS.reportBatchMax));
    expect(answer.missing).toEqual([]);

    const refused = dispatch(library.service, 'reports.meetings', { ids });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('invalid_input');
    expect(refused.error.message).toContain(`at most ${LIMITS.reportBatchMax} meetings per call`);
    expect(dispatch(library.service, 'reports.meetings', { ids: [] }).ok).toBe(false);
  });

  it('names the meetings deleted since the list was drawn and answers the rest in the order asked', () => {
    const library = openGenerated(4);
    const ids = value<Library>(library, 'library.get', {}).meetings.map((m) => m.id);
    value(library, 'meetings.delete', { id: ids[1] });
    const answer = value<MeetingsBatch>(library, 'reports.meetings', { ids: [ids[3], ids[1], ids[0], 'no-such-meeting'] });
    expect(answer.meetings.map((m) => m.id)).toEqual([ids[3], ids[0]]);
    expect(answer.missing).toEqual([ids[1], 'no-such-meeting']);
    // What meetings.get returns for the same meeting.
    expect(answer.meetings[0]).toEqual(value<Meeting>(library, 'meetings.get', { id: ids[3] }));
    expect(answer.unreadable).toEqual([]);
  });

  it('names a meeting whose file is damaged in `unreadable` and answers the rest, as the dashboard skips it', async () => {
    const dir = tempDir('empty-chair-report-damaged-');
    generateLibrary(dir, { meetings: 3, decisionsPerMeeting: 3, keep: false });
    const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
    opened.push(library);
    const lib = value<Library>(library, 'library.get', {});
    const ids = lib.meetings.map((m) => m.id);
    const file = path.join(dir, 'meetings', `${ids[1]}.json`);
    expect(fs.existsSync(file)).toBe(true);
    fs.writeFileSync(file, '{"id": "half a meeting", "agenda": [');

    const answer = value<MeetingsBatch>(library, 'reports.meetings', { ids: [...ids, 'no-such-meeting'] });
    expect(answer.meetings.map((m) => m.id)).toEqual([ids[0], ids[2]]);
    expect(answer.unreadable).toEqual([ids[1]]);
    expect(answer.missing).toEqual(['no-such-meeting']);
    expect(value<Dashboard>(library, 'dashboard.get', {}).totals.meetings).toBe(2);

    const run = await runMeetingsReport({
      ids,
      format: 'json',
      library: lib,
      fetch: async (batch) => value<MeetingsBatch>(library, 'reports.meetings', { ids: batch }),
    });
    expect(run).toMatchObject({ included: 2, missing: [], unreadable: [ids[1]] });
    expect((JSON.parse(run.result.text) as { meetings: Meeting[] }).meetings.map((m) => m.id)).toEqual([ids[0], ids[2]]);
  });
});

describe('runMeetingsReport', () => {
  it('batches of about a twentieth, never more than the limit', () => {
    expect([1, 12, 40, 1_000, 10_000].map(reportBatchSize)).toEqual([1, 1, 2, 50, LIMITS.reportBatchMax]);
  });

  it.each(EXPORT_FORMATS)('streams a %s report of 130 meetings that is exactly the one built from them all at once', async (format) => {
    const library = openGenerated(130);
    const lib = value<Library>(library, 'library.get', {});
    const ids = [...lib.meetings].reverse().map((m) => m.id);
    const calls: string[][] = [];
    const progress: [string, number, number][] = [];
    const run = await runMeetingsReport({
      ids,
      format,
      library: lib,
      now: '2026-12-06T20:00:00.000Z',
      timeZone: 'Europe/Berlin',
      fetch: async (batch) => {
        calls.push(batch);
        return value<MeetingsBatch>(library, 'reports.meetings', { ids: batch });
      },
      onProgress: (stage, done, total) => progress.push([stage, done, total]),
    });

    const all = ids.map((id) => value<Meeting>(library, 'meetings.get', { id }));
    const expected = await exportMeetings(all, lib, format, { now: '2026-12-06T20:00:00.000Z', timeZone: 'Europe/Berlin' });
    expect(run.result).toEqual(expected);
    expect(run.included).toBe(130);
    expect(run.missing).toEqual([]);
    expect(calls.flat()).toEqual(ids);
    expect(Math.max(...calls.map((batch) => batch.length))).toBe(reportBatchSize(130));
    const read = progress.filter(([stage]) => stage === (format === 'md' || format === 'html' ? 'building' : 'reading'));
    expect(read.map(([, done]) => done)).toEqual(calls.map((_, i) => Math.min(130, (i + 1) * reportBatchSize(130))));
  });

  it('stops where onProgress throws: no batch after it is asked for', async () => {
    const library = openGenerated(40);
    const lib = value<Library>(library, 'library.get', {});
    let asked = 0;
    const stopped = runMeetingsReport({
      ids: lib.meetings.map((m) => m.id),
      format: 'md',
      library: lib,
      fetch: async (batch) => {
        asked++;
        return value<MeetingsBatch>(library, 'reports.meetings', { ids: batch });
      },
      onProgress: (_stage, done) => {
        if (done >= 4) throw new Error('Cancelled');
      },
    });
    await expect(stopped).rejects.toThrow('Cancelled');
    expect(asked).toBe(4); // batches of 2: the second ended the run while the third and fourth were already asked for
  });
});
