import { useId, useState } from 'react';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';
import { EVIDENCE_KINDS, type EvidenceKind, type EvidenceSource } from '../../../../shared/evidence/schema';
import { readEvidenceFiles, type PickedInput } from './readEvidenceFiles';

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

  const submit = async () => {
    const sourceName = name.trim() || files[0]?.name || '';
    if (!sourceName) return onError('Name the source (for example “Support tickets, March”).');
    try {
      if (mode === 'paste') {
        if (!text.trim()) return onError('Paste some text to import.');
        return onChosen({ name: sourceName, kind, inputs: [{ kind: 'text', fileName: 'pasted text', text }], labels: ['pasted text'] });
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
      {mode === 'file' ? (
        <div className="field">
          <label htmlFor={`${id}-file`}>
            File (CSV or TSV, JSON or JSONL, Markdown or text, up to 250 MB; several Markdown files at once)
          </label>
          <input
            id={`${id}-file`}
            type="file"
            multiple
            accept=".csv,.tsv,.json,.jsonl,.ndjson,.md,.markdown,.txt"
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
