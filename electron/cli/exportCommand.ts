/**
 * npm run export -- [--data-dir DIR] (--meeting ID ... | --all | --from YYYY-MM-DD --to YYYY-MM-DD)
 *                   --format md|html|csv|json|xlsx|ics [--event UID] --out FILE|-
 *
 * One meeting (--meeting ID) gives its full impact summary (md, html), its decisions (csv) or the
 * meeting itself (json). Several meetings give a report (md, html), all their decisions (csv) or
 * one JSON file holding them all; xlsx gives every decision in a typed sheet (a file only, never
 * standard output); ics gives a calendar of the open follow-ups with a due date and the meetings to
 * come (the next of each series), or with --event UID that one event alone. Dates are days in this
 * computer's time zone, both included.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Library, Meeting, MeetingSummary } from '../../shared/domain';
import writeXlsxFile from 'write-excel-file/node';
import { EXPORT_FORMATS, exportMeeting, exportMeetings } from '../../shared/export';
import { meetingsToIcs } from '../../shared/export/ics';
import type { MeetingsBatch } from '../../shared/export/reportRun';
import { LIMITS } from '../../shared/limits';
import { decisionSpreadsheet, XLSX_SHEET } from '../../shared/export/spreadsheet';
import { writeFileAtomic } from '../files';
import { dispatch } from '../service/dispatch';
import type { OpenLibrary } from '../service/openLibrary';
import { plural } from '../../shared/plural';
import {
  chooseDataDir,
  CliError,
  closeDataFolder,
  describeArgsError,
  existingFolder,
  EXIT_OK,
  openDataFolder,
  runCommand,
  usageError,
  writeOutput,
  type CliIo,
} from './common';

/** Every format the command writes: the text formats, and the typed spreadsheet. */
const CLI_FORMATS = [...EXPORT_FORMATS, 'xlsx', 'ics'] as const;
type CliFormat = (typeof CLI_FORMATS)[number];
const isCliFormat = (value: string): value is CliFormat => (CLI_FORMATS as readonly string[]).includes(value);

export const EXPORT_USAGE =
  'Usage: npm run export -- [--data-dir DIR] (--meeting ID | --all | --from YYYY-MM-DD --to YYYY-MM-DD) ' +
  `--format ${CLI_FORMATS.join('|')} [--event UID, ics only] --out FILE (or --out - for standard output, text formats only)`;

/** Every decision of the meetings as an .xlsx file, written whole or not at all. */
async function writeXlsx(meetings: readonly Meeting[], lib: Library, out: string, timeZone: string): Promise<void> {
  const sheet = decisionSpreadsheet(meetings, lib, { timeZone });
  const bytes = await writeXlsxFile(sheet.data, { columns: sheet.columns, sheet: XLSX_SHEET }).toBuffer();
  try {
    writeFileAtomic(path.resolve(out), new Uint8Array(bytes));
  } catch (error) {
    throw new CliError(`Cannot write ${out}: ${(error as Error).message}`);
  }
}

/** A real calendar day as YYYY-MM-DD: 2026-02-30 is refused, not rolled over to March. */
export function parseDay(value: string, flag: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return { y, m, d };
  }
  throw usageError(`${flag} must be a real date written YYYY-MM-DD, not "${value}".`);
}

/** Midnight at the start of a day, in local time: what "from 2026-11-01" means to the person typing it. */
const startOfDay = ({ y, m, d }: { y: number; m: number; d: number }, plusDays = 0) => new Date(y, m - 1, d + plusDays).getTime();

interface Selection {
  ids: string[] | null;
  all: boolean;
  from: string | null;
  to: string | null;
}

function readSelection(values: { meeting?: string[]; all?: boolean; from?: string; to?: string }): Selection {
  const ids = values.meeting?.length ? values.meeting : null;
  const byDate = values.from !== undefined || values.to !== undefined;
  const chosen = [ids !== null, Boolean(values.all), byDate].filter(Boolean).length;
  if (chosen === 0) throw usageError('Choose what to export: --meeting ID, --all, or --from YYYY-MM-DD --to YYYY-MM-DD.');
  if (chosen > 1) throw usageError('Use only one of --meeting, --all, or --from/--to.');
  if (byDate && (values.from === undefined || values.to === undefined)) {
    throw usageError(`${values.from === undefined ? '--from' : '--to'} is missing: a date range needs both --from and --to.`);
  }
  if (byDate) {
    const from = parseDay(values.from!, '--from');
    const to = parseDay(values.to!, '--to');
    if (startOfDay(from) > startOfDay(to)) throw usageError(`--from ${values.from} is after --to ${values.to}.`);
  }
  return { ids, all: Boolean(values.all), from: values.from ?? null, to: values.to ?? null };
}

function pickSummaries(summaries: readonly MeetingSummary[], selection: Selection): MeetingSummary[] {
  if (selection.all) return [...summaries];
  const from = startOfDay(parseDay(selection.from!, '--from'));
  const until = startOfDay(parseDay(selection.to!, '--to'), 1);
  return summaries.filter((s) => {
    const at = Date.parse(s.scheduledAt);
    return at >= from && at < until;
  });
}

function readLibrary(library: OpenLibrary): Library {
  const listed = dispatch(library.service, 'library.get', {});
  if (!listed.ok) throw new CliError(listed.error.message);
  return listed.value as Library;
}

function loadMeetings(library: OpenLibrary, index: Library, selection: Selection): Meeting[] {
  const get = (id: string): Meeting => {
    const result = dispatch(library.service, 'meetings.get', { id });
    if (result.ok) return result.value as Meeting;
    if (result.error.code === 'not_found' || result.error.code === 'invalid_input') {
      throw new CliError(`There is no meeting with the id "${id}" in ${library.dataDir}.`);
    }
    throw new CliError(result.error.message);
  };
  if (selection.ids) return [...new Set(selection.ids)].map(get);
  const picked = pickSummaries(index.meetings, selection);
  if (picked.length === 0) {
    throw new CliError(
      selection.all
        ? `There are no meetings in ${library.dataDir}; nothing was exported.`
        : `No meeting is scheduled from ${selection.from} to ${selection.to} in ${library.dataDir}; nothing was exported.`,
    );
  }
  // Oldest first: a report reads as a story.
  return readMany(library, picked, get).sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt) || a.id.localeCompare(b.id));
}

/**
 * Many meetings read as the Reports screen reads them (reports.meetings): neither kept in memory nor
 * added to the ledger's search index, which an export does not use (a third of a 1,000-meeting
 * export's time went into that index). A meeting deleted meanwhile, or unreadable, is asked for
 * alone, so the user gets the same error naming it as before.
 */
function readMany(library: OpenLibrary, summaries: readonly MeetingSummary[], get: (id: string) => Meeting): Meeting[] {
  const meetings: Meeting[] = [];
  for (let at = 0; at < summaries.length; at += LIMITS.reportBatchMax) {
    const ids = summaries.slice(at, at + LIMITS.reportBatchMax).map((summary) => summary.id);
    const result = dispatch(library.service, 'reports.meetings', { ids });
    if (!result.ok) throw new CliError(result.error.message);
    const batch = result.value as MeetingsBatch;
    const failed = new Set([...batch.missing, ...batch.unreadable]);
    meetings.push(...batch.meetings, ...ids.filter((id) => failed.has(id)).map(get)); // the first in list order is named
  }
  return meetings;
}

export function exportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand('export', io, async () => {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          'data-dir': { type: 'string' },
          meeting: { type: 'string', multiple: true },
          all: { type: 'boolean' },
          from: { type: 'string' },
          to: { type: 'string' },
          format: { type: 'string' },
          out: { type: 'string' },
          event: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw usageError(`${describeArgsError(error)} Run with --help to see the options.`);
    }
    if (values.help) {
      io.stdout(`${EXPORT_USAGE}\n`);
      return EXIT_OK;
    }
    if (values.format === undefined) throw usageError(`--format is missing: choose ${CLI_FORMATS.join(', ')}.`);
    const format = values.format.toLowerCase();
    if (!isCliFormat(format)) throw usageError(`--format must be one of ${CLI_FORMATS.join(', ')}, not "${values.format}".`);
    if (values.out === undefined || values.out === '')
      throw usageError('--out is missing: give the file to write, or - for standard output.');
    if (format === 'xlsx' && values.out === '-')
      throw usageError('--format xlsx writes a binary workbook: give --out FILE.xlsx, not standard output.');
    if (values.event !== undefined && format !== 'ics') throw usageError('--event picks one calendar event: use it with --format ics.');
    const selection = readSelection(values);
    const dataDir = chooseDataDir(values['data-dir'], io.env ?? process.env);
    existingFolder(dataDir);

    const library = openDataFolder(dataDir, io, 'export');
    let meetings: Meeting[];
    let lib: Library;
    try {
      lib = readLibrary(library);
      meetings = loadMeetings(library, lib, selection);
    } finally {
      closeDataFolder(library);
    }

    const now = (io.now ?? (() => new Date()))().toISOString();
    // Times in Markdown and HTML read in the lead's zone: TZ when set, else this machine's.
    const timeZone = (io.env ?? process.env).TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
    const single = selection.ids !== null && meetings.length === 1;
    const what = single ? `"${meetings[0]!.title.slice(0, 80)}"` : plural(meetings.length, 'meeting');
    if (format === 'xlsx') {
      await writeXlsx(meetings, lib, values.out, timeZone);
      io.stdout(`Exported ${what} as xlsx to ${values.out}.\n`);
      return EXIT_OK;
    }
    if (format === 'ics') {
      let text: string;
      try {
        text = meetingsToIcs(meetings, lib, { now, timeZone, meetings: lib.meetings, only: values.event });
      } catch (error) {
        throw new CliError(`${(error as Error).message} Nothing was exported.`);
      }
      return writeText(values.out, text, `${what} as ics`, io);
    }
    const result = single
      ? exportMeeting(meetings[0]!, lib, format, { now, timeZone })
      : await exportMeetings(meetings, lib, format, { now, timeZone, range: { from: selection.from, to: selection.to } });

    return writeText(values.out, result.text, `${what} as ${format}`, io);
  });
}

/** A text export to the file, or to standard output with the report on standard error. */
function writeText(out: string, text: string, what: string, io: CliIo): number {
  if (out === '-') {
    io.stdout(text);
    io.stderr(`Exported ${what}.\n`);
  } else {
    writeOutput(out, text);
    io.stdout(`Exported ${what} to ${out}.\n`);
  }
  return EXIT_OK;
}
