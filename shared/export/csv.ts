/**
 * Decisions as CSV, one row per decision, for spreadsheets: RFC 4180 quoting and CRLF line ends,
 * and every cell neutralised against formula injection (OWASP "CSV injection").
 */
import type { Meeting } from '../domain';
import { citationLine, revenueCodes } from '../summary/evidence';
import { summarizeImpact, type ImpactSummary, type SummaryLibrary } from '../summary/summary';

export const CSV_HEADER = [
  'meeting',
  'date',
  'agenda item',
  'decision',
  'direction',
  'tags',
  'owner',
  'due date',
  'tagged by',
  'quotes cited',
  'cited evidence',
  'accounts affected',
  'ARR affected',
] as const;

/**
 * A spreadsheet reads a cell starting with = + - @ (or a tab or CR that it may skip first) as a
 * formula. A leading apostrophe makes it text, and spreadsheets hide the apostrophe. The full-width
 * forms are included because some spreadsheet apps fold them to the ASCII ones.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, and double the quotes inside. */
export function quoteCsvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvRow(cells: readonly string[]): string {
  return cells.map((cell) => quoteCsvField(neutralizeFormula(cell))).join(',');
}

/** The rows of one meeting, without the header. */
export function decisionRows(meeting: Meeting, summary: ImpactSummary): string[][] {
  return summary.items.flatMap((s) =>
    s.decisions.map((entry) => {
      const d = entry.decision;
      return [
        meeting.title,
        meeting.scheduledAt,
        entry.itemTitle,
        d.text,
        d.direction,
        entry.tags.map((tag) => tag.label).join('; '),
        d.owner,
        d.dueDate ?? '',
        entry.tags.map((tag) => `${tag.label}: ${tag.by}`).join('; '),
        String(entry.evidence.citations.length),
        entry.evidence.citations.map(citationLine).join('\n'),
        entry.evidence.accounts.accounts.map((account) => account.name).join('; '),
        revenueCodes(entry.evidence.accounts),
      ];
    }),
  );
}

/**
 * Starts with a UTF-8 byte order mark: without it Excel reads the file as the local code page and
 * mangles every accent ("ChloÃ©"); CSV readers that know UTF-8 skip it.
 */
const BOM = '\uFEFF';

/** Several meetings in one file (the multi-meeting export); decisions in agenda order. */
export function meetingsToCsv(meetings: readonly Meeting[], library: SummaryLibrary, summaries?: readonly ImpactSummary[]): string {
  const lines = [csvRow(CSV_HEADER)];
  meetings.forEach((meeting, i) => {
    const summary = summaries?.[i] ?? summarizeImpact(meeting, library);
    for (const row of decisionRows(meeting, summary)) lines.push(csvRow(row));
  });
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export function meetingToCsv(meeting: Meeting, summary: ImpactSummary, library: SummaryLibrary): string {
  return meetingsToCsv([meeting], library, [summary]);
}
