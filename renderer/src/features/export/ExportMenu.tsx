import { useId, useState } from 'react';
import type { Meeting, MeetingSummary } from '../../../../shared/domain';
import type { SummaryLibrary } from '../../../../shared/summary/summary';
import { loadBuilders } from './loadBuilders';
import { leadTimeZone } from '../../app/format';
import { canSavePdf, printPage, saveFile, savePdf, type SaveOutcome, type SaveSink } from './saveFile';
import './export.css';

export type ExportChoice = 'md' | 'html' | 'pdf' | 'csv' | 'xlsx' | 'json' | 'ics';

export const EXPORT_CHOICES: readonly { kind: ExportChoice; label: string }[] = [
  { kind: 'md', label: 'Markdown' },
  { kind: 'html', label: 'HTML' },
  { kind: 'pdf', label: 'PDF' },
  { kind: 'csv', label: 'CSV' },
  { kind: 'xlsx', label: 'Excel' },
  { kind: 'json', label: 'JSON' },
  { kind: 'ics', label: 'Calendar' },
];

export interface ExportStatus {
  tone: 'ok' | 'info' | 'error';
  text: string;
}

/** What the user is told after a save: where it went, that it was cancelled, or why it failed. */
export function describeSave(outcome: SaveOutcome, fileName: string): ExportStatus {
  if (outcome.error) return { tone: 'error', text: `Could not save “${fileName}”: ${outcome.error}` };
  if (!outcome.saved) return { tone: 'info', text: 'Not saved: the save dialog was closed.' };
  if (outcome.via === 'download') return { tone: 'ok', text: `Downloaded “${fileName}”: find it in your browser’s downloads.` };
  return { tone: 'ok', text: `Saved ${outcome.path ?? fileName}.` };
}

export interface ExportMenuProps {
  meeting: Meeting;
  library: SummaryLibrary;
  /** The library's meetings, to put the next meeting of this one's series in the calendar file. */
  meetings?: readonly MeetingSummary[];
  /** Where the file goes; saveFile (desktop dialog or download) unless a test puts a stub here. */
  save?: SaveSink;
}

/**
 * "Export": Markdown, HTML, PDF, CSV, Excel (.xlsx, typed cells), JSON of one meeting, and a calendar
 * (.ics) of its open follow-ups with a due date and the meetings to come. The documents are built here with the
 * shared export code (loaded on first use), so they are byte for byte what the command line makes.
 */
export function ExportMenu({ meeting, library, meetings, save = saveFile }: ExportMenuProps) {
  const [busy, setBusy] = useState<ExportChoice | null>(null);
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const labelId = useId();

  const run = async (kind: ExportChoice) => {
    setBusy(kind);
    setStatus(null);
    try {
      if (kind === 'xlsx') {
        // The sheet's writer is its own chunk, loaded on this click only.
        const { meetingXlsx } = await import('./xlsx');
        const file = await meetingXlsx(meeting, library, leadTimeZone());
        setStatus(describeSave(await save(file), file.fileName));
        return;
      }
      const { exportMeeting, meetingFileName, calendarFile } = await loadBuilders();
      if (kind === 'ics') {
        const file = calendarFile(meeting, library, { timeZone: leadTimeZone(), meetings });
        if ('nothing' in file) setStatus({ tone: 'info', text: file.nothing });
        else setStatus(describeSave(await save(file), file.fileName));
        return;
      }
      if (kind === 'pdf') {
        const fileName = meetingFileName(meeting, 'pdf');
        if (canSavePdf()) {
          setStatus(
            describeSave(await savePdf(fileName, exportMeeting(meeting, library, 'html', { timeZone: leadTimeZone() }).text), fileName),
          );
        } else {
          printPage(fileName.replace(/\.pdf$/, ''));
          setStatus({ tone: 'info', text: 'To keep a PDF, choose “Save as PDF” as the printer in the print dialog.' });
        }
        return;
      }
      const result = exportMeeting(meeting, library, kind, { timeZone: leadTimeZone() });
      const outcome = await save({ fileName: result.fileName, mimeType: result.mimeType, content: result.text });
      setStatus(describeSave(outcome, result.fileName));
    } catch (error) {
      setStatus({ tone: 'error', text: `Could not export: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="exp-menu">
      <div className="exp-group" role="group" aria-labelledby={labelId}>
        <span id={labelId} className="exp-group-label">
          Export
        </span>
        {EXPORT_CHOICES.map(({ kind, label }) => (
          <button
            key={kind}
            type="button"
            className="button button-small"
            disabled={busy !== null}
            aria-label={`Export as ${label}`}
            aria-busy={busy === kind || undefined}
            onClick={() => void run(kind)}
          >
            {label}
          </button>
        ))}
      </div>
      <SaveStatus status={status} />
    </div>
  );
}

/** A save's outcome: a polite status line, or an alert when it failed. */
export function SaveStatus({ status }: { status: ExportStatus | null }) {
  return (
    <>
      <p className="exp-status" role="status">
        {status && status.tone !== 'error' ? status.text : ''}
      </p>
      {status?.tone === 'error' ? (
        <p className="exp-error" role="alert">
          {status.text}
        </p>
      ) : null}
    </>
  );
}
