import './evidence.css';
import { useId, useState } from 'react';
import type { ScreenProps } from '../../app/screen';
import { AccountsImport } from './AccountsImport';
import { EvidenceSearch } from './EvidenceSearch';
import { ImportDialog } from './ImportDialog';
import { SourcesList } from './SourcesList';
import { useEvidenceLibrary } from './useEvidenceLibrary';

/**
 * Customer evidence: the imported sources (tickets, survey answers, reviews, interview notes), the
 * accounts that say who the customers are, and a search over everything. The chair ranks from here.
 */
export default function EvidencePage({ showToast }: Pick<ScreenProps, 'showToast'>) {
  const id = useId();
  const { evidence, error, reload } = useEvidenceLibrary();
  const [importing, setImporting] = useState(false);
  const importButton = (
    <button type="button" className="button button-primary" onClick={() => setImporting(true)}>
      Import…
    </button>
  );
  return (
    <section className="evidence-screen" aria-labelledby={`${id}-heading`}>
      <div className="screen-header">
        <div>
          <h1 id={`${id}-heading`} tabIndex={-1}>
            Customer evidence
          </h1>
          <p className="hint">What customers said, so the empty chair can quote them during meetings.</p>
        </div>
        <div className="screen-actions">{evidence && evidence.sources.length > 0 ? importButton : null}</div>
      </div>
      {error ? (
        <div role="alert" className="form-alert">
          <p>
            Could not load customer evidence: {error.message} <span className="banner-code">({error.code})</span>
          </p>
          <button type="button" className="button button-small" onClick={reload}>
            Try again
          </button>
        </div>
      ) : null}
      {!evidence ? (
        error ? null : (
          <p className="loading" role="status">
            Loading customer evidence…
          </p>
        )
      ) : evidence.sources.length === 0 ? (
        <div className="card evidence-empty">
          <h2>No customer evidence yet</h2>
          <p>
            Evidence is what real customers said: support tickets, survey answers, app reviews or interview notes. Import a CSV, JSON or
            Markdown export and the chair shows the most relevant quotes for each agenda item.
          </p>
          {importButton}
        </div>
      ) : (
        <>
          <SourcesList evidence={evidence} onChanged={reload} showToast={showToast} />
          <EvidenceSearch sources={evidence.sources} />
        </>
      )}
      {evidence ? <AccountsImport accountCount={evidence.accountCount} onImported={reload} /> : null}
      {importing ? <ImportDialog onClose={() => setImporting(false)} onImported={reload} /> : null}
    </section>
  );
}
