import { useState } from 'react';
import type { EvidenceSource } from '../../../../shared/evidence/schema';
import { ImportDialog } from './ImportDialog';

/** Re-import a source from a newer export: its saved mapping is reused; the dialog counts added, updated, unchanged. */
export function ReimportButton({ source, onChanged }: { source: EvidenceSource; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-small" aria-label={`Re-import ${source.name}`} onClick={() => setOpen(true)}>
        Re-import…
      </button>
      {open ? <ImportDialog source={source} onClose={() => setOpen(false)} onImported={onChanged} /> : null}
    </>
  );
}
