import { useId, useState } from 'react';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';
import { EVIDENCE_EXTENSIONS, type PickedFile } from '../../../../shared/evidence/picking';
import { EVIDENCE_KINDS, type EvidenceKind, type EvidenceSource } from '../../../../shared/evidence/schema';
import { useClient } from '../../app/clientContext';
import { nativeDialog, pickedInput, pickFiles } from './nativeFiles';
import { dropUploads, readEvidenceFiles, type PickedInput } from './readEvidenceFiles';

export interface SourceChoice {
  name: string;
  kind: EvidenceKind;
  /** One import each; the first creates the source (unless it exists), the rest add to it. */
  inputs: PickedInput[];
  /** The file name of each input, for messages. */
  labels: string[];
}

/**
 * The first step: what the source is called, what kind it is, and the file(s) or pasted text. For a
 * re-import (`source` given) only the file or text: the source keeps its name, kind and mapping.
 */
export function ImportSourceForm({
  busy,
  source,
  onChosen,
  onError,
}: {
  busy: boolean;
  source?: EvidenceSource;
  onChosen: (choice: SourceChoice) => void;
  onError: (message: string) => void;
}) {
  const id = useId();
  const [name, setName] = useState(source?.name ?? '');
  const [kind, setKind] = useState<EvidenceKind>('tickets');
  const [mode, setMode] = useState<'file' | 'paste'>('file');
  const [files, setFiles] = useState<File[]>([]);
  const [text, setText] = useState('');
  const client = useClient();
  // In the desktop app: files picked in the native dialog, already known to the service by id.
  const dialog = nativeDialog();
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const choose = async () => {
    try {
      const chosen = await pickFiles(dialog!, 'evidence');
      if (chosen.length === 0) return;
      dropUploads(client, picked.map(pickedInput)); // the files picked before are not needed now
      setPicked(chosen);
    } catch (reason) {
      onError(reason instanceof Error ? reason.message : String(reason));
    }
  };

  const submit = async () => {
    if (mode === 'file' && dialog && picked.length === 0) return onError('Choose a file to import.');
    const sourceName = name.trim() || (dialog ? picked[0]?.fileName : files[0]?.name) || '';
    if (!sourceName) return onError('Name the source (for example “Support tickets, March”).');
    try {
      if (mode === 'paste') {
        if (!text.trim()) return onError('Paste some text to import.');
        return onChosen({ name: sourceName, kind, inputs: [{ kind: 'text', fileName: 'pasted text', text }], labels: ['pasted text'] });
      }
      if (dialog) {
        return onChosen({ name: sourceName, kind, inputs: picked.map(pickedInput), labels: picked.map((file) => file.fileName) });
      }
      onChosen({ name: sourceName, kind, inputs: await readEvidenceFiles(files), labels: files.map((file) => file.name) });
    } catch (reason) {
      onError(reason instanceof Error ? reason.message : String(reason));
    }
  };

  return (
    <form
      id={`${id}-form`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {source ? (
        <p>
          The file is read with the columns saved for “{source.name}”: items already there stay, changed ones are updated, new ones added.
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-name`}>Source name</label>
            <input
              id={`${id}-name`}
              value={name}
              maxLength={EVIDENCE_LIMITS.sourceNameMax}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as EvidenceKind)}>
              {EVIDENCE_KINDS.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <fieldset className="evidence-mode">
        <legend>Import from</legend>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'file'} onChange={() => setMode('file')} /> A file
        </label>{' '}
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'paste'} onChange={() => setMode('paste')} /> Paste text
        </label>
      </fieldset>
      {mode === 'file' && dialog ? (
        <div className="field">
          <span id={`${id}-chosen-label`}>
            File (CSV or TSV, JSON or JSONL, Markdown or text, up to 250 MB; several Markdown files at once)
          </span>
          <button type="button" className="button" aria-describedby={`${id}-chosen`} onClick={() => void choose()} disabled={busy}>
            Choose {picked.length > 0 ? 'other files' : 'files'}…
          </button>
          <p id={`${id}-chosen`} role="status" className="muted">
            {picked.length === 0 ? 'No file chosen.' : picked.map((file) => file.fileName).join(', ')}
          </p>
        </div>
      ) : mode === 'file' ? (
        <div className="field">
          <label htmlFor={`${id}-file`}>
            File (CSV or TSV, JSON or JSONL, Markdown or text, up to 250 MB; several Markdown files at once)
          </label>
          <input
            id={`${id}-file`}
            type="file"
            multiple
            accept={EVIDENCE_EXTENSIONS.map((extension) => `.${extension}`).join(',')}
            onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
          />
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-text`}>Text (passages split at blank lines and headings)</label>
          <textarea id={`${id}-text`} rows={8} value={text} onChange={(event) => setText(event.target.value)} />
        </div>
      )}
      <div className="dialog-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {source ? 'Re-import' : 'Preview'}
        </button>
      </div>
    </form>
  );
}
