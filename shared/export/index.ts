/**
 * One entry for "export these meetings as FORMAT": picks the one-meeting document or the
 * multi-meeting form, and names the file. The UI and the command line both go through it.
 */
import type { Meeting } from '../domain';
import { summarizeImpact, type SummaryLibrary } from '../summary/summary';
import { meetingsToCsv } from './csv';
import { meetingFileName, safeFileName } from './fileName';
import { meetingToHtml } from './html';
import { meetingsToJson, meetingToJson } from './json';
import { meetingToMarkdown } from './markdown';
import { buildReport, DEFAULT_REPORT_TITLE, type ReportOptions } from './report';

export const EXPORT_FORMATS = ['md', 'html', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MIME_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface ExportResult {
  text: string;
  fileName: string;
  mimeType: string;
}

export interface ExportOptions {
  /** Stamped into JSON exports and reports; pass it for reproducible output. */
  now?: string;
  range?: ReportOptions['range'];
  onProgress?: ReportOptions['onProgress'];
  /** The lead's time zone (IANA) for times in Markdown, HTML and reports; JSON and CSV keep ISO instants. */
  timeZone?: string;
}

/** One meeting: the full impact summary (md, html), its decisions (csv), or the meeting itself (json). */
export function exportMeeting(meeting: Meeting, library: SummaryLibrary, format: ExportFormat, options: ExportOptions = {}): ExportResult {
  const summary = summarizeImpact(meeting, library);
  const text =
    format === 'md'
      ? meetingToMarkdown(meeting, summary, library, { timeZone: options.timeZone })
      : format === 'html'
        ? meetingToHtml(meeting, summary, library, { timeZone: options.timeZone })
        : format === 'csv'
          ? meetingsToCsv([meeting], library, [summary])
          : meetingToJson(meeting, summary, library, { exportedAt: options.now });
  return { text, fileName: meetingFileName(meeting, format), mimeType: MIME_TYPES[format] };
}

/** Several meetings: a report (md, html), all their decisions (csv), or every meeting (json). */
export async function exportMeetings(
  meetings: readonly Meeting[],
  library: SummaryLibrary,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<ExportResult> {
  let text: string;
  if (format === 'md' || format === 'html') {
    text = await buildReport(meetings, library, {
      format,
      generatedAt: options.now,
      range: options.range,
      onProgress: options.onProgress,
      timeZone: options.timeZone,
    });
  } else if (format === 'csv') {
    text = meetingsToCsv(meetings, library);
    options.onProgress?.(meetings.length, meetings.length);
  } else {
    text = meetingsToJson(meetings, library, { exportedAt: options.now });
    options.onProgress?.(meetings.length, meetings.length);
  }
  return { text, fileName: safeFileName(DEFAULT_REPORT_TITLE, format), mimeType: MIME_TYPES[format] };
}
