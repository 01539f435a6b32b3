import { useId, useState } from 'react';
import type { EvidenceInput } from '../../../../shared/evidence/api';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../../shared/evidence/schema';
import { readEvidenceFiles } from './readEvidenceFiles';

export interface SourceChoice {
  name: string;
  kind: EvidenceKind;
  /** One import each; the first creates the source, the rest add to it. */
  inputs: EvidenceInput[];
}

/** The first step: what the source is called, what kind it is, and the file(s) or pasted text. */
export function ImportSourceForm({
  busy,
  onChosen,
  onError,
}: {
  busy: boolean;
  onChosen: (choice: SourceChoice) => void;
  onError: (message: string) => void;
}) {
  const id = useId();
  const [name, setName] = useState('');
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
        return onChosen({ name: sourceName, kind, inputs: [{ kind: 'text', fileName: 'pasted text', text }] });
      }
      onChosen({ name: sourceName, kind, inputs: await readEvidenceFiles(files) });
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
      <div className="field">
        <label htmlFor={`${id}-name`}>Source name</label>
        <input id={`${id}-name`} value={name} maxLength={EVIDENCE_LIMITS.sourceNameMax} onChange={(event) => setName(event.target.value)} />
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
          <label htmlFor={`${id}-file`}>File (CSV or TSV, JSON or JSONL, Markdown or text; several Markdown files at once)</label>
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
          Preview
        </button>
      </div>
    </form>
  );
}
