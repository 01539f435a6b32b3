import './evidence.css';
import { useId, useState } from 'react';
import type { ScreenProps } from '../../app/screen';
import { AccountsImport } from './AccountsImport';
import { AccountsList, useAccountList } from './AccountsList';
import { EvidenceSearch } from './EvidenceSearch';
import { ImportDialog } from './ImportDialog';
import { NO_FILTERS, type FilterFields } from './SearchFilters';
import { SourcesList } from './SourcesList';
import { TagWords } from './TagWords';
import { useEvidenceLibrary } from './useEvidenceLibrary';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';

/**
 * Customer evidence: the imported sources (tickets, survey answers, reviews, interview notes), the
 * accounts that say who the customers are, a search over everything with filters, and the words
 * that mean each tag. The chair ranks from here. `query` is the search from the URL (`#/evidence?q=…`).
 */
export default function EvidencePage({
  library,
  navigate,
  query,
  showToast,
}: Pick<ScreenProps, 'library' | 'navigate' | 'showToast'> & { query: string }) {
  const id = useId();
  const { evidence, error, reload } = useEvidenceLibrary();
  const [importing, setImporting] = useState(false);
  const [words, setWords] = useState(query);
  const [fields, setFields] = useState<FilterFields>(NO_FILTERS);
  // The URL changed elsewhere (the chair's "More", Back): search for its words.
  const [urlQuery, setUrlQuery] = useState(query);
  if (urlQuery !== query) {
    setUrlQuery(query);
    setWords(query);
  }
  const onWords = (next: string) => {
    setWords(next);
    navigate({ name: 'evidence', ...(next.trim() ? { query: next } : {}) }, { replace: true });
  };
  const version = evidence ? `${evidence.itemCount}:${evidence.accountCount}:${evidence.sources.map((s) => s.importedAt).join()}` : '';
  const { list: known } = useAccountList('', EVIDENCE_LIMITS.accountsListMax, version);
  const showAccount = (account: string) => {
    setFields({ ...NO_FILTERS, account });
    document.getElementById(`${id}-search`)?.scrollIntoView?.({ block: 'start' });
  };
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
          <div id={`${id}-search`}>
            <EvidenceSearch
              sources={evidence.sources}
              segments={known?.segments ?? []}
              accountNames={(known?.accounts ?? []).map((account) => account.name).filter(Boolean)}
              query={words}
              onQueryChange={onWords}
              fields={fields}
              onFieldsChange={setFields}
            />
          </div>
        </>
      )}
      {evidence ? (
        <AccountsImport accountCount={evidence.accountCount} onImported={reload}>
          <AccountsList version={version} onShow={showAccount} />
        </AccountsImport>
      ) : null}
      {evidence ? <TagWords tags={library.tags} synonyms={evidence.synonyms} onChanged={reload} /> : null}
      {importing ? <ImportDialog onClose={() => setImporting(false)} onImported={reload} /> : null}
    </section>
  );
}
