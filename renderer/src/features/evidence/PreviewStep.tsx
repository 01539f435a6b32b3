import { useState } from 'react';
import type { ColumnMapping, EvidencePreview } from '../../../../shared/evidence/schema';
import { MappingFields } from './MappingFields';

const CELL_MAX = 80;

/** The first rows as the import reads them, and the mapping to check before importing. */
export function PreviewStep({
  preview,
  busy,
  onBack,
  onImport,
}: {
  preview: EvidencePreview;
  busy: boolean;
  onBack: () => void;
  onImport: (mapping: ColumnMapping | null) => void;
}) {
  const tabular = preview.format === 'csv' || preview.format === 'json' || preview.format === 'jsonl';
  const [mapping, setMapping] = useState<ColumnMapping | null>(preview.suggested);
  const canImport = !tabular || (mapping !== null && mapping.text.length > 0);
  return (
    <div className="evidence-preview">
      <p>
        Read as {preview.format.toUpperCase()}
        {preview.recognised ? ` (looks like ${preview.recognised})` : ''}, {preview.encoding}. The first {preview.rows.length} rows:
      </p>
      <div className="evidence-preview-table">
        <table>
          <caption className="visually-hidden">First rows of the file</caption>
          <thead>
            <tr>
              {preview.headers.map((header) => (
                <th key={header} scope="col">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, index) => (
              <tr key={index}>
                {preview.headers.map((header) => (
                  <td key={header} dir="auto">
                    {cell(row[header] ?? '')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {tabular ? <MappingFields headers={preview.headers} mapping={mapping ?? emptyMapping()} onChange={setMapping} /> : null}
      {!canImport ? <p className="field-error">Choose at least one text column.</p> : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !canImport}
          onClick={() => onImport(tabular ? mapping : null)}
        >
          Import
        </button>
      </div>
    </div>
  );
}

function cell(value: string): string {
  return value.length > CELL_MAX ? `${value.slice(0, CELL_MAX)}…` : value;
}

function emptyMapping(): ColumnMapping {
  return { text: [], customer: null, account: null, email: null, segment: null, date: null, rating: null, externalId: null, link: null };
}
