import { useRef, useState, type ChangeEvent } from 'react';
import type { Meeting } from '../../../../shared/domain';
import { useClient } from '../../app/clientContext';
import { ConfirmDialog } from '../../app/Dialog';
import { plural } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import type { ExportFileContents } from './builders';
import { ManyMeetingsPreview, OneMeetingPreview } from './ImportPreview';
import { loadBuilders } from './loadBuilders';
import './export.css';

/** Larger than any real export (a meeting is bounded by LIMITS); a bigger file is not read at all. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

type Step =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; fileName: string; file: ExportFileContents; taken: ReadonlySet<string>; busy: boolean; error: string | null }
  | { step: 'conflict'; fileName: string; file: ExportFileContents; message: string; busy: boolean; error: string | null };

interface Notice {
  tone: 'ok' | 'info' | 'error';
  text: string;
}

export interface ImportMeetingProps {
  /** Called with the meeting as stored (a copy has new ids), e.g. to open it; for a one-meeting file only. */
  onImported?: (meeting: Meeting) => void;
}

function message(reason: unknown): string {
  const error = asApiError(reason);
  return `${error.message} (${error.code})`;
}

function importedText(meetings: readonly Meeting[], asCopy: boolean): string {
  if (meetings.length === 1) return asCopy ? `Imported a copy: “${meetings[0]!.title}”.` : `Imported “${meetings[0]!.title}”.`;
  return `Imported ${plural(meetings.length, 'meeting')}${asCopy ? ' as copies' : ''}.`;
}

/**
 * "Import meeting": reads an Empty Chair JSON export of one meeting or of several (what the Reports
 * page writes), shows what it holds (several: titles, dates, and which the library already has),
 * and imports it, all or nothing. A meeting already in the library is never overwritten: the user
 * chooses between copies (new ids, "(copy)" after the title) and cancelling. A bad file changes
 * nothing and says what is wrong with it.
 */
export function ImportMeeting({ onImported }: ImportMeetingProps) {
  const client = useClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<Step>({ step: 'idle' });
  const [notice, setNotice] = useState<Notice | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const chosen = input.files?.[0];
    // Cleared at once, so choosing the same file again (after fixing it) is a change too.
    input.value = '';
    if (!chosen) return;
    setNotice(null);
    const fileName = chosen.name;
    if (chosen.size > IMPORT_MAX_BYTES) {
      setNotice({
        tone: 'error',
        text: `Could not import “${fileName}”: at ${Math.round(chosen.size / 1024 / 1024)} MB it is far larger than an Empty Chair meeting export. Nothing was changed.`,
      });
      return;
    }
    setState({ step: 'reading', fileName });
    try {
      const [text, builders] = await Promise.all([chosen.text(), loadBuilders()]);
      const file = builders.parseExportFile(text);
      if (file.meetings.length === 0) throw new Error('The file holds no meetings.');
      setState({ step: 'preview', fileName, file, taken: await meetingsAlreadyHere(file), busy: false, error: null });
    } catch (reason) {
      setState({ step: 'idle' });
      setNotice({ tone: 'error', text: `Could not import “${fileName}”: ${asApiError(reason).message} Nothing was changed.` });
    }
  };

  /** Which of the file's meetings the library has: shown in the preview (the service checks again). */
  const meetingsAlreadyHere = async (file: ExportFileContents): Promise<ReadonlySet<string>> => {
    if (file.meetings.length === 1) return new Set();
    const library = await client.call('library.get', {}).catch(() => null);
    const here = new Set(library?.meetings.map((m) => m.id) ?? []);
    return new Set(file.meetings.filter((m) => here.has(m.id)).map((m) => m.id));
  };

  const importFile = async (file: ExportFileContents, fileName: string, asCopy: boolean) => {
    setState((current) => (current.step === 'preview' || current.step === 'conflict' ? { ...current, busy: true, error: null } : current));
    try {
      const {
        meetings: [one, ...more],
        personas,
        tags,
      } = file;
      const meetings =
        more.length === 0
          ? [await client.call('meetings.import', { meeting: one!, personas, tags, asCopy })]
          : await client.call('meetings.importMany', { meetings: file.meetings, personas, tags, asCopy });
      setState({ step: 'idle' });
      setNotice({ tone: 'ok', text: importedText(meetings, asCopy) });
      if (meetings.length === 1) onImported?.(meetings[0]!);
    } catch (reason) {
      const error = asApiError(reason);
      if (error.code === 'conflict' && !asCopy) {
        setState({ step: 'conflict', fileName, file, message: error.message, busy: false, error: null });
      } else {
        setState((current) =>
          current.step === 'preview' || current.step === 'conflict' ? { ...current, busy: false, error: message(reason) } : current,
        );
      }
    }
  };

  const cancel = () => {
    setState({ step: 'idle' });
    setNotice({ tone: 'info', text: 'Nothing was imported.' });
  };

  return (
    <div className="exp-import">
      <input
        ref={inputRef}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Meeting file to import (.json)"
        onChange={(event) => void onFile(event)}
      />
      <button type="button" className="button" disabled={state.step !== 'idle'} onClick={() => inputRef.current?.click()}>
        {state.step === 'reading' ? 'Reading the file…' : 'Import meeting…'}
      </button>
      <p className="exp-status" role="status">
        {notice && notice.tone !== 'error' ? notice.text : ''}
      </p>
      {notice?.tone === 'error' ? (
        <div className="form-alert exp-import-error" role="alert">
          <p>{notice.text}</p>
        </div>
      ) : null}

      {state.step === 'preview' ? (
        <PreviewDialog state={state} onImport={(asCopy) => void importFile(state.file, state.fileName, asCopy)} onCancel={cancel} />
      ) : null}

      {state.step === 'conflict' ? (
        <ConfirmDialog
          key="conflict"
          title={
            state.file.meetings.length === 1
              ? 'This meeting is already in your library'
              : 'Some of these meetings are already in your library'
          }
          confirmLabel={state.busy ? 'Importing…' : state.file.meetings.length === 1 ? 'Import as a copy' : 'Import as copies'}
          busy={state.busy}
          error={state.error}
          onConfirm={() => void importFile(state.file, state.fileName, true)}
          onCancel={cancel}
        >
          <p>{state.message}</p>
          <p>A copy gets new ids and “(copy)” after its title. The meetings already in your library stay as they are either way.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function PreviewDialog({
  state,
  onImport,
  onCancel,
}: {
  state: Extract<Step, { step: 'preview' }>;
  onImport: (asCopy: boolean) => void;
  onCancel: () => void;
}) {
  const count = state.file.meetings.length;
  if (count === 1) {
    return (
      <ConfirmDialog
        key="preview"
        title="Import this meeting?"
        confirmLabel={state.busy ? 'Importing…' : 'Import'}
        busy={state.busy}
        error={state.error}
        onConfirm={() => onImport(false)}
        onCancel={onCancel}
      >
        <OneMeetingPreview fileName={state.fileName} file={state.file} />
      </ConfirmDialog>
    );
  }
  const asCopies = state.taken.size > 0;
  return (
    <ConfirmDialog
      key="preview-many"
      title={`Import ${plural(count, 'meeting')}?`}
      confirmLabel={state.busy ? 'Importing…' : asCopies ? `Import ${count} as copies` : `Import ${plural(count, 'meeting')}`}
      busy={state.busy}
      error={state.error}
      onConfirm={() => onImport(asCopies)}
      onCancel={onCancel}
    >
      <ManyMeetingsPreview fileName={state.fileName} file={state.file} taken={state.taken} />
    </ConfirmDialog>
  );
}
