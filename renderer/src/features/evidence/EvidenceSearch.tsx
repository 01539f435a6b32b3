import { useEffect, useId, useState } from 'react';
import { scaleLine } from '../../../../shared/evidence/format';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';
import type { EvidenceSearchResult, EvidenceSource } from '../../../../shared/evidence/schema';
import { useClient } from '../../app/clientContext';
import { asApiError } from '../../app/useLibrary';
import { EvidenceQuote } from './ChairEvidence';

const SEARCH_DELAY_MS = 250;

/** Words over all evidence (or one source), with hits shown as the chair shows them. */
export function EvidenceSearch({ sources }: { sources: EvidenceSource[] }) {
  const client = useClient();
  const id = useId();
  const [query, setQuery] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [result, setResult] = useState<EvidenceSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!query.trim()) return;
    let live = true;
    const timer = setTimeout(() => {
      client
        .call('evidence.search', { query, limit: 20, ...(sourceId ? { sourceId } : {}) })
        .then((next) => {
          if (!live) return;
          setResult(next);
          setError(null);
        })
        .catch((reason: unknown) => live && setError(asApiError(reason).message));
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, query, sourceId]);

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Search evidence</h2>
      <div className="field-row evidence-search-fields">
        <div className="field">
          <label htmlFor={`${id}-query`}>Words</label>
          <input
            id={`${id}-query`}
            type="search"
            value={query}
            maxLength={EVIDENCE_LIMITS.queryMax}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>Source</label>
          <select id={`${id}-source`} value={sourceId} onChange={(event) => setSourceId(event.target.value)}>
            <option value="">All sources</option>
            {sources.map((source) => (
              <option key={source.id} value={source.id}>
                {source.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!query.trim() ? (
        <p className="muted">Type words to find what customers said.</p>
      ) : error ? (
        <p className="field-error" role="alert">
          Search failed: {error}
        </p>
      ) : (
        <SearchResults result={result} />
      )}
    </section>
  );
}

function SearchResults({ result }: { result: EvidenceSearchResult | null }) {
  if (!result) return <p className="muted">Searching…</p>;
  if (result.state === 'indexing') return <p role="status">Indexing customer evidence…</p>;
  if (result.hits.length === 0) return <p role="status">Nothing matches “{result.query}”.</p>;
  return (
    <>
      <p role="status" className="chair-evidence-scale">
        {scaleLine(result.scale)}
      </p>
      <ol className="chair-evidence-list" aria-label="Evidence found">
        {result.hits.map((hit) => (
          <EvidenceQuote key={`${hit.sourceId}:${hit.key}`} hit={hit} />
        ))}
      </ol>
    </>
  );
}
