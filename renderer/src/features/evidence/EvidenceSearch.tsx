import { useEffect, useId, useState } from 'react';
import { scaleLine } from '../../../../shared/evidence/format';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';
import type { EvidenceSearchResult, EvidenceSource } from '../../../../shared/evidence/schema';
import { useClient } from '../../app/clientContext';
import { plural } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import { EvidenceQuote } from './ChairEvidence';
import { SearchFilters, toFilters, type FilterFields } from './SearchFilters';

const SEARCH_DELAY_MS = 250;
const RESULTS = 20;

/**
 * Words over all evidence, narrowed by filters, with hits shown as the chair shows them (the matched
 * words marked as text). The words live in the URL (`#/evidence?q=…`), so "More" in the chair and Back land here.
 */
export function EvidenceSearch({
  sources,
  segments,
  accountNames,
  query,
  onQueryChange,
  fields,
  onFieldsChange,
}: {
  sources: EvidenceSource[];
  segments: string[];
  accountNames: string[];
  query: string;
  onQueryChange: (query: string) => void;
  fields: FilterFields;
  onFieldsChange: (fields: FilterFields) => void;
}) {
  const client = useClient();
  const id = useId();
  const [result, setResult] = useState<EvidenceSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const checked = toFilters(fields);
  const filtersKey = JSON.stringify(checked);
  const hasFilters = 'filters' in checked && Object.keys(checked.filters).length > 0;
  const asking = 'filters' in checked && (query.trim() !== '' || hasFilters);

  useEffect(() => {
    if (!asking || !('filters' in checked)) return;
    let live = true;
    const timer = setTimeout(() => {
      client
        .call('evidence.search', { query, limit: RESULTS, filters: checked.filters })
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
    // filtersKey stands for `checked`, a new object each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, query, filtersKey, asking]);

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Search evidence</h2>
      <div className="field">
        <label htmlFor={`${id}-query`}>Words</label>
        <input
          id={`${id}-query`}
          type="search"
          value={query}
          maxLength={EVIDENCE_LIMITS.queryMax}
          onChange={(event) => onQueryChange(event.target.value)}
        />
      </div>
      <SearchFilters id={id} fields={fields} sources={sources} segments={segments} accountNames={accountNames} onChange={onFieldsChange} />
      {'problem' in checked ? (
        <p className="field-error" role="alert">
          {checked.problem}
        </p>
      ) : !asking ? (
        <p className="muted">Type words, or choose a filter, to find what customers said.</p>
      ) : error ? (
        <p className="field-error" role="alert">
          Search failed: {error}
        </p>
      ) : (
        <SearchResults result={result} words={query.trim() !== ''} />
      )}
    </section>
  );
}

function SearchResults({ result, words }: { result: EvidenceSearchResult | null; words: boolean }) {
  if (!result) return <p className="muted">Searching…</p>;
  if (result.state === 'indexing') return <p role="status">Indexing customer evidence…</p>;
  if (result.hits.length === 0)
    return <p role="status">{words ? `Nothing matches “${result.query}” with these filters.` : 'Nothing matches these filters.'}</p>;
  return (
    <>
      <p role="status" className="chair-evidence-scale">
        {result.total > result.hits.length
          ? `${plural(result.total, 'item')} match; the ${result.hits.length} ${words ? 'most relevant' : 'newest'} are shown.`
          : `${plural(result.total, 'item')} ${result.total === 1 ? 'matches' : 'match'}.`}{' '}
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
