/**
 * Decisions as a typed spreadsheet (.xlsx): the same rows as the CSV export, but each cell says what
 * it is, so Excel, Sheets and LibreOffice show dates as dates and text as text, and a cell that
 * starts with "=" stays the text that was typed (no guard apostrophe to see, never a formula).
 * This module only shapes the sheet; the writers (write-excel-file's browser and Node entries) sit
 * at the edges, in the renderer and the command line.
 */
import type { Meeting } from '../domain';
import { citationLine, revenueCodes } from '../summary/evidence';
import { summarizeImpact, type ImpactSummary, type SummaryLibrary } from '../summary/summary';

import { exportTimeZone, formatInstant } from './text';

/**
 * A cell as write-excel-file takes it (its SheetData), built here without importing the library:
 * `type` is the String or Date constructor, never 'Formula'.
 */
export type SheetCell =
  | { value: string; type: StringConstructor; fontWeight?: 'bold'; wrap?: boolean }
  | { value: Date; type: DateConstructor; format: string }
  | { value: number; type: NumberConstructor }
  | null;

export interface Spreadsheet {
  /** The header row, then one row per decision. */
  data: SheetCell[][];
  /** Column widths in characters. */
  columns: { width: number }[];
}

const DECISION_COLUMNS = [
  ['Meeting', 32],
  ['Date', 17],
  ['Agenda item', 32],
  ['Decision', 60],
  ['Direction', 10],
  ['Tags', 24],
  ['Owner', 18],
  ['Due date', 11],
  ['Tagged by', 32],
  ['Quotes cited', 8],
  ['Cited evidence', 60],
  ['Accounts affected', 32],
  ['ARR affected', 24],
] as const;

const text = (value: string): SheetCell => ({ value, type: String });

/**
 * A stored instant as the wall-clock time of `timeZone`: spreadsheets have no time zones, so the
 * cell holds what the lead's clock read (the header names the zone).
 */
function instantCell(value: string, timeZone: string): SheetCell {
  const local = formatInstant(value, timeZone); // "2026-11-24 10:30 UTC+01:00"
  const date = new Date(`${local.slice(0, 10)}T${local.slice(11, 16)}:00.000Z`);
  return Number.isNaN(date.getTime()) ? text(value) : { value: date, type: Date, format: 'yyyy-mm-dd hh:mm' };
}

/** A calendar day (YYYY-MM-DD) as a date cell; anything else stays text. */
function dayCell(value: string | null): SheetCell {
  if (value === null || value === '') return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? text(value) : { value: date, type: Date, format: 'yyyy-mm-dd' };
}

/** Every decision of the meetings, one row each in agenda order, with typed cells. */
export function decisionSpreadsheet(
  meetings: readonly Meeting[],
  library: SummaryLibrary,
  options: { timeZone?: string; summaries?: readonly ImpactSummary[] } = {},
): Spreadsheet {
  const zone = exportTimeZone(options.timeZone);
  const header = DECISION_COLUMNS.map(([label]): SheetCell => ({
    value: label === 'Date' ? `Date (${zone})` : label,
    type: String,
    fontWeight: 'bold',
  }));
  const rows = meetings.flatMap((meeting, i) => {
    const summary = options.summaries?.[i] ?? summarizeImpact(meeting, library);
    return summary.items.flatMap((s) =>
      s.decisions.map((entry) => {
        const d = entry.decision;
        return [
          text(meeting.title),
          instantCell(meeting.scheduledAt, zone),
          text(entry.itemTitle),
          text(d.text),
          text(d.direction),
          text(entry.tags.map((tag) => tag.label).join('; ')),
          text(d.owner),
          dayCell(d.dueDate),
          text(entry.tags.map((tag) => `${tag.label}: ${tag.by}`).join('; ')),
          { value: entry.evidence.citations.length, type: Number },
          { value: entry.evidence.citations.map(citationLine).join('\n'), type: String, wrap: true },
          text(entry.evidence.accounts.accounts.map((account) => account.name).join('; ')),
          text(revenueCodes(entry.evidence.accounts)),
        ];
      }),
    );
  });
  return { data: [header, ...rows], columns: DECISION_COLUMNS.map(([, width]) => ({ width })) };
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The one sheet's name, in the file and for readers of it. */
export const XLSX_SHEET = 'Decisions';
