import { useRef, useState, type ChangeEvent } from 'react';
import type { Meeting } from '../../../../shared/domain';
import { useClient } from '../../app/clientContext';
import { ConfirmDialog } from '../../app/Dialog';
import { formatWhen, plural, STATUS_LABELS } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import type { MeetingExport } from './builders';
import { loadBuilders } from './loadBuilders';
import './export.css';

/** Larger than any real export (a meeting is bounded by LIMITS); a bigger file is not read at all. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

type Step =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; fileName: string; file: MeetingExport; busy: boolean; error: string | null }
  | { step: 'conflict'; fileName: string; file: MeetingExport; message: string; busy: boolean; error: string | null };

interface Notice {
  tone: 'ok' | 'info' | 'error';
  text: string;
}

export interface ImportMeetingProps {
  /** Called with the meeting as stored (a copy has new ids), e.g. to open it. */
  onImported?: (meeting: Meeting) => void;
}

function message(reason: unknown): string {
  const error = asApiError(reason);
  return `${error.message} (${error.code})`;
}

/**
 * "Import meeting": reads an Empty Chair JSON export, shows what it holds, and imports it. A meeting
 * already in the library is never overwritten: the service refuses with 'conflict', and the user
 * chooses between a copy (new ids, "(copy)" after the title) and cancelling. A bad file changes
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
      setNotice({ tone: 'error', text: `Could not import “${fileName}”: at ${Math.round(chosen.size / 1024 / 1024)} MB it is far larger than an Empty Chair meeting export. Nothing was changed.` });
      return;
    }
    setState({ step: 'reading', fileName });
    try {
      const [text, builders] = await Promise.all([chosen.text(), loadBuilders()]);
      const file = builders.parseMeetingExport(text);
      setState({ step: 'preview', fileName, file, busy: false, error: null });
    } catch (reason) {
      setState({ step: 'idle' });
      setNotice({ tone: 'error', text: `Could not import “${fileName}”: ${asApiError(reason).message} Nothing was changed.` });
    }
  };

  const importFile = async (file: MeetingExport, fileName: string, asCopy: boolean) => {
    setState((current) => (current.step === 'preview' || current.step === 'conflict' ? { ...current, busy: true, error: null } : current));
    try {
      const meeting = await client.call('meetings.import', { meeting: file.meeting, personas: file.personas, tags: file.tags, asCopy });
      setState({ step: 'idle' });
      setNotice({ tone: 'ok', text: asCopy ? `Imported a copy: “${meeting.title}”.` : `Imported “${meeting.title}”.` });
      onImported?.(meeting);
    } catch (reason) {
      const error = asApiError(reason);
      if (error.code === 'conflict' && !asCopy) {
        setState({ step: 'conflict', fileName, file, message: error.message, busy: false, error: null });
      } else {
        setState((current) => (current.step === 'preview' || current.step === 'conflict' ? { ...current, busy: false, error: message(reason) } : current));
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
        <ConfirmDialog
          key="preview"
          title="Import this meeting?"
          confirmLabel={state.busy ? 'Importing…' : 'Import'}
          busy={state.busy}
          error={state.error}
          onConfirm={() => void importFile(state.file, state.fileName, false)}
          onCancel={cancel}
        >
          <ImportPreview fileName={state.fileName} file={state.file} />
        </ConfirmDialog>
      ) : null}

      {state.step === 'conflict' ? (
        <ConfirmDialog
          key="conflict"
          title="This meeting is already in your library"
          confirmLabel={state.busy ? 'Importing…' : 'Import as a copy'}
          busy={state.busy}
          error={state.error}
          onConfirm={() => void importFile(state.file, state.fileName, true)}
          onCancel={cancel}
        >
          <p>{state.message}</p>
          <p>A copy gets new ids and “(copy)” after its title. The meeting already in your library stays as it is either way.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function ImportPreview({ fileName, file }: { fileName: string; file: MeetingExport }) {
  const meeting = file.meeting;
  const decisions = meeting.agenda.reduce((sum, item) => sum + item.decisions.length, 0);
  return (
    <>
      <p>
        From <span dir="auto">{fileName}</span>:
      </p>
      <dl className="exp-preview" aria-label="What the file holds">
        <dt>Title</dt>
        <dd dir="auto">{meeting.title}</dd>
        <dt>Date</dt>
        <dd>
          <time dateTime={meeting.scheduledAt}>{formatWhen(meeting.scheduledAt, 'full')}</time>
        </dd>
        <dt>Status</dt>
        <dd>{STATUS_LABELS[meeting.status]}</dd>
        {meeting.lead ? (
          <>
            <dt>Lead</dt>
            <dd dir="auto">{meeting.lead}</dd>
          </>
        ) : null}
        <dt>Agenda</dt>
        <dd>{plural(meeting.agenda.length, 'item')}</dd>
        <dt>Decisions</dt>
        <dd>{plural(decisions, 'decision')}</dd>
        <dt>Follow-ups</dt>
        <dd>{plural(meeting.followUps.length, 'follow-up')}</dd>
        <dt>Exported</dt>
        <dd>
          <time dateTime={file.exportedAt}>{formatWhen(file.exportedAt)}</time>
        </dd>
      </dl>
      <p className="hint">Personas and tags it uses that your library lacks are added. Nothing in your library is overwritten.</p>
    </>
  );
}
