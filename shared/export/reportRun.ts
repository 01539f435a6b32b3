/**
 * A report over many meetings as the Reports screen makes it (and the benchmark measures it): the
 * meetings fetched a batch at a time (reports.meetings), the next two asked for while this one is
 * summarised; Markdown and HTML built a meeting at a time as they come, so nothing is kept but the
 * report's own lines; CSV and JSON from every meeting once all are read (docs/performance.md,
 * finding 14).
 */
import type { Meeting } from '../domain';
import { LIMITS } from '../limits';
import type { SummaryLibrary } from '../summary/summary';
import { safeFileName } from './fileName';
import { exportMeetings, MIME_TYPES, type ExportFormat, type ExportOptions, type ExportResult } from './index';
import { DEFAULT_REPORT_TITLE, ReportBuilder } from './report';

export type ReportStage = 'reading' | 'building';

/** What one reports.meetings call answers. */
export interface MeetingsBatch {
  meetings: Meeting[];
  /** Ids of meetings deleted since the list was drawn. */
  missing: string[];
  /** Ids of meetings whose file could not be read (damaged): left out of the report. */
  unreadable: string[];
}

export interface ReportRun extends Pick<ExportOptions, 'now' | 'range' | 'timeZone'> {
  /** The meetings, in report order. */
  ids: readonly string[];
  format: ExportFormat;
  library: SummaryLibrary;
  fetch: (ids: string[]) => Promise<MeetingsBatch>;
  /** After each batch, and each chunk of a CSV or JSON build; throwing stops the run there. */
  onProgress?: (stage: ReportStage, done: number, total: number) => void;
}

export interface ReportRunResult {
  result: ExportResult;
  /** Meetings in the report. */
  included: number;
  missing: string[];
  unreadable: string[];
}

/**
 * Batches asked for ahead of the one being built. With one, the service sat idle while each answer
 * was received and parsed before the next was asked for (10,000 meetings: 13.2 s, now 7.7-7.9 s);
 * with two it always has the next to read (docs/performance.md, finding 24).
 */
const BATCHES_AHEAD = 2;

/** About 20 steps of progress for a few meetings, batches of reportBatchMax for many. */
export const reportBatchSize = (total: number): number => Math.min(LIMITS.reportBatchMax, Math.max(1, Math.ceil(total / 20)));

export async function runMeetingsReport(run: ReportRun): Promise<ReportRunResult> {
  const size = reportBatchSize(run.ids.length);
  const batches: string[][] = [];
  for (let start = 0; start < run.ids.length; start += size) batches.push(run.ids.slice(start, start + size));
  const streaming = run.format === 'md' || run.format === 'html';
  const builder = streaming
    ? new ReportBuilder(run.library, {
        format: run.format as 'md' | 'html',
        generatedAt: run.now,
        range: run.range,
        timeZone: run.timeZone,
      })
    : null;
  const read: Meeting[] = [];
  const missing: string[] = [];
  const unreadable: string[] = [];
  let included = 0;
  let done = 0;
  const ahead: Promise<MeetingsBatch>[] = []; // asked for, in order; each let go as it is taken
  let toAsk = 0;
  const askAhead = () => {
    while (ahead.length < BATCHES_AHEAD && toAsk < batches.length) {
      const batch = run.fetch(batches[toAsk++]!);
      batch.catch(() => {}); // awaited on a later turn; a run stopped before then must not leave it unhandled
      ahead.push(batch);
    }
  };
  askAhead();
  for (let index = 0; index < batches.length; index++) {
    const batch = await ahead.shift()!;
    askAhead();
    missing.push(...batch.missing);
    unreadable.push(...batch.unreadable);
    for (const meeting of batch.meetings) {
      if (builder) builder.add(meeting);
      else read.push(meeting);
    }
    included += batch.meetings.length;
    done += batches[index]!.length;
    run.onProgress?.(streaming ? 'building' : 'reading', done, run.ids.length);
  }
  if (builder) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0)); // a turn to show "N of N" before the last join
    const format = run.format;
    return {
      result: { text: builder.finish(), fileName: safeFileName(DEFAULT_REPORT_TITLE, format), mimeType: MIME_TYPES[format] },
      included,
      missing,
      unreadable,
    };
  }
  const result = await exportMeetings(read, run.library, run.format, {
    now: run.now,
    range: run.range,
    timeZone: run.timeZone,
    onProgress: (built, of) => run.onProgress?.('building', built, of),
  });
  return { result, included, missing, unreadable };
}
