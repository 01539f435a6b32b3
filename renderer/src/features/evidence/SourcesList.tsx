import { useId, useState } from 'react';
import type { EvidenceLibrary, EvidenceSource } from '../../../../shared/evidence/schema';
import { MAPPING_FIELDS } from '../../../../shared/evidence/schema';
import { ConfirmDialog } from '../../app/Dialog';
import { useClient } from '../../app/clientContext';
import { formatWhen, plural } from '../../app/format';
import type { ScreenProps } from '../../app/screen';
import { useAction } from '../../app/useAction';
import { ROLE_LABELS } from './mappingRoles';
import { ReimportButton } from './ReimportButton';
import { SourceName } from './SourceName';

type ShowToast = ScreenProps['showToast'];

/** The imported sources, one row each: rename in place, delete after a confirmation (with Undo in the toast). */
export function SourcesList({
  evidence,
  onChanged,
  showToast,
}: {
  evidence: EvidenceLibrary;
  onChanged: () => void;
  showToast: ShowToast;
}) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Sources</h2>
      <p className="muted">
        {plural(evidence.sources.length, 'source')}, {plural(evidence.itemCount, 'item')}.
      </p>
      <table className="evidence-sources">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Items</th>
            <th scope="col">Imported</th>
            <th scope="col">Columns used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {evidence.sources.map((source) => (
            <SourceRow key={source.id} source={source} onChanged={onChanged} showToast={showToast} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The saved mapping in words: "text: Subject + Body · customer: Name". */
export function mappingLine(source: EvidenceSource): string {
  const mapping = source.mapping;
  if (!mapping) return source.format === 'notes' || source.format === 'paste' ? 'Passages of text' : '—';
  const parts = [`text: ${mapping.text.join(' + ')}`];
  for (const field of MAPPING_FIELDS) {
    const column = mapping[field];
    if (column) parts.push(`${ROLE_LABELS[field].toLowerCase()}: ${column}`);
  }
  return parts.join(' · ');
}

function SourceRow({ source, onChanged, showToast }: { source: EvidenceSource; onChanged: () => void; showToast: ShowToast }) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const remove = () =>
    run(async () => {
      await client.call('evidence.deleteSource', { id: source.id });
      setConfirming(false);
      onChanged();
      showToast(`Deleted “${source.name}”.`, {
        label: 'Undo',
        run: async () => {
          await client.call('evidence.restoreSource', { id: source.id });
          onChanged();
        },
      });
    });
  return (
    <tr>
      <td>
        <SourceName source={source} onRenamed={onChanged} />
      </td>
      <td>{source.kind}</td>
      <td>{source.itemCount}</td>
      <td>{formatWhen(source.importedAt)}</td>
      <td className="evidence-mapping">{mappingLine(source)}</td>
      <td className="evidence-source-actions">
        <ReimportButton source={source} onChanged={onChanged} />
        <button
          type="button"
          className="button button-small button-danger"
          aria-label={`Delete ${source.name}`}
          onClick={() => setConfirming(true)}
        >
          Delete
        </button>
        {confirming ? (
          <ConfirmDialog
            title={`Delete “${source.name}”?`}
            confirmLabel="Delete source"
            danger
            busy={busy}
            error={error}
            onConfirm={() => void remove()}
            onCancel={() => setConfirming(false)}
          >
            <p>
              Its {plural(source.itemCount, 'item')} will no longer be quoted by the chair. You can undo this: the last 10 deleted sources
              are kept.
            </p>
          </ConfirmDialog>
        ) : null}
      </td>
    </tr>
  );
}
