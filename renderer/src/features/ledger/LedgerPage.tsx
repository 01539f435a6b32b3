import './ledger.css';
import { useEffect, useId, useRef } from 'react';
import type { ScreenProps } from '../../app/screen';
import { plural } from '../../app/format';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { routeHash } from '../../app/useRoute';
import { LedgerFilterForm } from './LedgerFilterForm';
import { LedgerRow } from './LedgerRow';
import { hasFilters, NO_FILTERS, type LedgerFilters } from './ledgerQuery';
import type { LedgerResult } from '../../../../shared/ledger';
import { LEDGER_PAGE, useLedgerFilters, useLedgerResults } from './useLedgerSearch';

const NO_CITED: LedgerResult['cited'] = { accounts: [], sources: [] };

/**
 * Every decision of every meeting, searched as you type (words in any form, most relevant first)
 * and filtered by tag, direction, persona, owner, dates, series, cited account and evidence source. The search lives in the URL (`#/ledger?q=…`): Back from a meeting
 * returns to it, and it can be shared. A result opens its meeting at that decision.
 */
export default function LedgerPage({ library, navigate, query }: ScreenProps & { query: string }) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef, true);
  const { filters, setFilters, text, setText, queryString } = useLedgerFilters(query, navigate);
  const { result, loading, failed, retry, showUpTo } = useLedgerResults(filters, queryString);

  // After "Show more", focus moves to the first new result (the button may be gone).
  const focusFrom = useRef<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (loading || focusFrom.current === null) return;
    const links = listRef.current?.querySelectorAll<HTMLElement>('.ledger-link');
    const target = links?.[focusFrom.current];
    focusFrom.current = null;
    target?.focus();
  }, [loading, result]);

  const update = (changes: Partial<LedgerFilters>) => setFilters((current) => ({ ...current, ...changes }));
  const clear = () => {
    setFilters(NO_FILTERS);
    setText('');
    document.getElementById(`${id}-text`)?.focus();
  };

  const filtered = hasFilters(filters);
  const dateProblem =
    filters.from && filters.to && filters.from > filters.to ? 'The “from” date is after the “to” date: nothing can match.' : null;

  return (
    <section className="ledger" aria-labelledby={`${id}-heading`}>
      <div className="screen-header">
        <div>
          <h1 ref={headingRef} id={`${id}-heading`} tabIndex={-1}>
            Decision ledger
          </h1>
          <p className="hint">Every decision of every meeting. Open one to see it in its meeting.</p>
        </div>
      </div>

      <LedgerFilterForm
        id={id}
        library={library}
        cited={result?.cited ?? NO_CITED}
        filters={filters}
        text={text}
        onText={setText}
        update={update}
        clear={filtered || text ? clear : null}
      />

      <div className="ledger-status">
        <p className="ledger-count" role="status" aria-live="polite">
          {result ? (filtered ? `${plural(result.total, 'decision')} found` : plural(result.total, 'decision')) : ''}
          {loading ? <span className="muted"> Searching…</span> : null}
        </p>
        {result && result.predictions.reviewed > 0 ? (
          <p className="ledger-predictions">
            Predictions held in {result.predictions.held} of {plural(result.predictions.reviewed, 'reviewed decision')}
            {result.predictions.heldRate === null ? '' : ` (${Math.round(result.predictions.heldRate * 100)}%)`}.
          </p>
        ) : null}
        {result && !result.complete ? (
          <p className="ledger-incomplete" role="status">
            Results may be incomplete while the index builds.
          </p>
        ) : null}
        {dateProblem ? (
          <p className="field-error" role="alert">
            {dateProblem}
          </p>
        ) : null}
      </div>

      {failed ? (
        <div role="alert" className="form-alert">
          <p>The search failed: {failed}</p>
          <button type="button" className="button button-small" onClick={retry}>
            Try again
          </button>
        </div>
      ) : null}

      {result && result.total === 0 ? (
        <div className="card ledger-empty">
          {filtered ? (
            <>
              <p>No decision matches this search.</p>
              <p className="muted">Try fewer words, another spelling, or fewer filters.</p>
              <button type="button" className="button" onClick={clear}>
                Clear search and filters
              </button>
            </>
          ) : (
            <>
              <p>No decisions logged yet.</p>
              <p className="muted">
                Run a meeting and log decisions at its agenda items (press D): every decision of every meeting is listed here.
              </p>
              <a className="button" href={routeHash({ name: 'list' })}>
                Go to meetings
              </a>
            </>
          )}
        </div>
      ) : null}

      {result && result.entries.length > 0 ? (
        <>
          <ol ref={listRef} className="ledger-results" aria-label="Decisions found">
            {result.entries.map((entry) => (
              <LedgerRow key={`${entry.meetingId}/${entry.decisionId}`} entry={entry} library={library} />
            ))}
          </ol>
          {result.entries.length < result.total ? (
            <p className="ledger-more">
              <span className="muted">
                Showing {result.entries.length} of {result.total}.
              </span>{' '}
              <button
                type="button"
                className="button"
                aria-disabled={loading || undefined}
                onClick={() => {
                  if (loading) return;
                  focusFrom.current = result.entries.length;
                  showUpTo(result.entries.length + LEDGER_PAGE);
                }}
              >
                Show {Math.min(LEDGER_PAGE, result.total - result.entries.length)} more
              </button>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
