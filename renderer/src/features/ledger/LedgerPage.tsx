import './ledger.css';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Library } from '../../../../shared/domain';
import type { LedgerEntry, LedgerResult } from '../../../../shared/ledger';
import { LIMITS } from '../../../../shared/limits';
import type { ScreenProps } from '../../app/screen';
import { useClient } from '../../app/clientContext';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';
import { formatDay, formatWhen, plural } from '../../app/format';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { asApiError } from '../../app/useLibrary';
import { routeHash } from '../../app/useRoute';
import { useTagLabels } from '../../app/useTagLabels';
import { DirectionBadge } from '../decisions/DirectionBadge';
import { hasFilters, ledgerQueryString, NO_FILTERS, parseLedgerQuery, toLedgerQuery, type LedgerFilters } from './ledgerQuery';

/** Results asked for at a time; "Show more" asks for the next page. */
export const LEDGER_PAGE = 50;
/** Typing waits this long before searching: one request per pause, not per key. */
const TYPING_DELAY_MS = 200;
/** While the service is still building its index, ask again this often. */
const INCOMPLETE_RETRY_MS = 1_000;
/** Meetings changing elsewhere refresh the results at most this often. */
const REFRESH_DELAY_MS = 300;
/** The service answers at most this many entries per request. */
const SERVICE_LIMIT = 500;

/** The service's last answer, and the request it answers (another request may be under way). */
type Answer = { key: string; result: LedgerResult; message?: undefined } | { key: string; result: LedgerResult | null; message: string };

/**
 * Every decision of every meeting, searched as you type and filtered by tag, direction, persona,
 * owner, dates and series. The search lives in the URL (`#/ledger?q=…`): Back from a meeting
 * returns to it, and it can be shared. A result opens its meeting at that decision.
 */
export default function LedgerPage({ library, navigate, query }: ScreenProps & { query: string }) {
  const client = useClient();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef, true);

  const [filters, setFilters] = useState<LedgerFilters>(() => parseLedgerQuery(query));
  const [text, setText] = useState(filters.text);
  // The URL changed from outside (a shared link, the Ledger link in the header): take its search.
  const [seenQuery, setSeenQuery] = useState(query);
  if (query !== seenQuery) {
    setSeenQuery(query);
    if (query !== ledgerQueryString(filters)) {
      const next = parseLedgerQuery(query);
      setFilters(next);
      setText(next.text);
    }
  }

  // Typing updates the search after a short pause.
  useEffect(() => {
    if (text === filters.text) return;
    const timer = setTimeout(() => setFilters((current) => ({ ...current, text })), TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, filters.text]);

  // The URL follows the search (replacing the entry: Back leaves the ledger, not one filter).
  const queryString = ledgerQueryString(filters);
  useEffect(() => {
    if (queryString !== query) navigate({ name: 'ledger', query: queryString }, { replace: true });
    // Only a change of the search rewrites the URL; a URL change is read above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryString]);

  const [answer, setAnswer] = useState<Answer | null>(null);
  const [wanted, setWanted] = useState(LEDGER_PAGE);
  const [refresh, setRefresh] = useState(0);
  const serviceQuery = useMemo(() => toLedgerQuery(filters, Math.min(wanted, SERVICE_LIMIT)), [filters, wanted]);

  // A new search starts again at the first page.
  const [seenSearch, setSeenSearch] = useState(queryString);
  if (queryString !== seenSearch) {
    setSeenSearch(queryString);
    setWanted(LEDGER_PAGE);
  }

  const requestKey = JSON.stringify([serviceQuery, wanted, refresh]);
  useEffect(() => {
    let active = true;
    const key = JSON.stringify([serviceQuery, wanted, refresh]);
    const run = async () => {
      // More than the service gives at once: fetch page after page.
      const pages: LedgerResult[] = [];
      const limit = serviceQuery.limit ?? LEDGER_PAGE;
      let offset = 0;
      do {
        const page = await client.call('ledger.search', { ...serviceQuery, limit: Math.min(limit, wanted - offset), offset });
        pages.push(page);
        offset += page.entries.length;
        if (page.entries.length === 0) break;
      } while (offset < Math.min(wanted, pages[0]!.total));
      const first = pages[0]!;
      return { ...first, complete: pages.every((page) => page.complete), entries: pages.flatMap((page) => page.entries) };
    };
    run().then(
      (result) => {
        if (active) setAnswer({ key, result });
      },
      (reason: unknown) => {
        if (active) setAnswer((current) => ({ key, result: current?.result ?? null, message: asApiError(reason).message }));
      },
    );
    return () => {
      active = false;
    };
  }, [client, serviceQuery, wanted, refresh]);

  // Results stay current: decisions logged or changed elsewhere show up; an index still building is asked again.
  const loading = answer?.key !== requestKey;
  const failed = !loading && answer?.message !== undefined ? answer.message : null;
  const result = answer?.result ?? null;
  const incomplete = !loading && result !== null && !result.complete;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => setRefresh((n) => n + 1), delay);
    };
    if (incomplete) later(INCOMPLETE_RETRY_MS);
    const unsubscribe = client.subscribe((event) => {
      if (event.event === 'meeting.changed' || event.event === 'meeting.deleted') later(REFRESH_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, incomplete]);

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
  const dateProblem = filters.from && filters.to && filters.from > filters.to ? 'The “from” date is after the “to” date: nothing can match.' : null;

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

      <form className="card ledger-filters" role="search" aria-label="Decisions" onSubmit={(event) => event.preventDefault()}>
        <div className="field ledger-text">
          <label htmlFor={`${id}-text`}>Search decisions</label>
          <input
            id={`${id}-text`}
            type="search"
            value={text}
            maxLength={LIMITS.titleMax}
            autoComplete="off"
            placeholder="Words in the decision, its agenda item or meeting"
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="ledger-filter-grid">
          <fieldset className="ledger-directions">
            <legend>Direction</legend>
            {DIRECTIONS.map((direction) => (
              <label key={direction} className="checkbox">
                <input
                  type="checkbox"
                  checked={filters.directions.includes(direction)}
                  onChange={(event) =>
                    update({
                      directions: event.target.checked
                        ? DIRECTIONS.filter((d) => d === direction || filters.directions.includes(d))
                        : filters.directions.filter((d) => d !== direction),
                    })
                  }
                />
                {DIRECTION_LABELS[direction]}
              </label>
            ))}
          </fieldset>
          <ChoiceList
            legend="Tags"
            options={library.tags.map((tag) => ({ id: tag.id, label: tag.label }))}
            selected={filters.tagIds}
            max={LIMITS.tagsPerDecisionMax}
            onChange={(tagIds) => update({ tagIds })}
          />
          {library.series.length > 0 || filters.seriesIds.length > 0 ? (
            <ChoiceList
              legend="Meeting series"
              options={library.series.map((series) => ({ id: series.id, label: series.name }))}
              selected={filters.seriesIds}
              onChange={(seriesIds) => update({ seriesIds })}
            />
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-persona`}>Persona</label>
            <select id={`${id}-persona`} value={filters.personaId} onChange={(event) => update({ personaId: event.target.value })}>
              <option value="">Any persona</option>
              {library.personas.map((persona) => (
                <option key={persona.id} value={persona.id}>
                  {persona.name}
                </option>
              ))}
              {filters.personaId && !library.personas.some((persona) => persona.id === filters.personaId) ? (
                <option value={filters.personaId}>Unknown persona</option>
              ) : null}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-review`}>Review</label>
            <select id={`${id}-review`} value={filters.review} onChange={(event) => update({ review: event.target.value as LedgerFilters['review'] })}>
              <option value="any">Any</option>
              <option value="pending">Awaiting review</option>
              <option value="reviewed">Outcome recorded</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-owner`}>Owner</label>
            <input id={`${id}-owner`} value={filters.owner} maxLength={LIMITS.nameMax} autoComplete="off" onChange={(event) => update({ owner: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>Meetings from</label>
            <input id={`${id}-from`} type="date" value={filters.from} max={filters.to || undefined} onChange={(event) => update({ from: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>to</label>
            <input id={`${id}-to`} type="date" value={filters.to} min={filters.from || undefined} onChange={(event) => update({ to: event.target.value })} />
          </div>
        </div>
        {filtered || text ? (
          <button type="button" className="button button-small" onClick={clear}>
            Clear search and filters
          </button>
        ) : null}
      </form>

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
          <button type="button" className="button button-small" onClick={() => setRefresh((n) => n + 1)}>
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
              <p className="muted">Run a meeting and log decisions at its agenda items (press D): every decision of every meeting is listed here.</p>
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
                  setWanted(result.entries.length + LEDGER_PAGE);
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

function LedgerRow({ entry, library }: { entry: LedgerEntry; library: Library }) {
  const tagLabels = useTagLabels(library.tags);
  const series = entry.seriesId ? library.series.find((s) => s.id === entry.seriesId) : undefined;
  const href = routeHash({ name: 'meeting', id: entry.meetingId, decisionId: entry.decisionId });
  return (
    <li className="ledger-row">
      <a className="ledger-link" href={href} dir="auto">
        {entry.text}
      </a>
      <p className="ledger-meta">
        <DirectionBadge direction={entry.direction} />
        {entry.owner ? (
          <span>
            Owner: <span dir="auto">{entry.owner}</span>
          </span>
        ) : (
          <span className="muted">No owner</span>
        )}
        <span>
          <span dir="auto">{entry.meetingTitle}</span> · <time dateTime={entry.scheduledAt}>{formatWhen(entry.scheduledAt)}</time>
        </span>
        <span className="muted">
          Item: <span dir="auto">{entry.itemTitle}</span>
        </span>
        {series ? (
          <span className="muted">
            Series: <span dir="auto">{series.name}</span>
          </span>
        ) : null}
        {entry.outcome ? (
          <span>
            Turned out: {DIRECTION_LABELS[entry.outcome.direction]}
            {entry.outcome.direction === entry.direction ? ' (as predicted)' : ` (predicted ${DIRECTION_LABELS[entry.direction].toLowerCase()})`}
          </span>
        ) : entry.reviewDate ? (
          <span>
            Review on <time dateTime={entry.reviewDate}>{formatDay(entry.reviewDate)}</time>
          </span>
        ) : null}
      </p>
      {entry.tagIds.length > 0 ? (
        <ul className="tag-list" aria-label="Tags">
          {entry.tagIds.map((tagId) => (
            <li key={tagId} className="tag" dir="auto">
              {tagLabels.get(tagId) ?? tagId}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** A checkbox list in a disclosure (there may be hundreds of tags), saying how many are chosen. */
function ChoiceList({ legend, options, selected, max, onChange }: { legend: string; options: { id: string; label: string }[]; selected: string[]; max?: number; onChange: (ids: string[]) => void }) {
  const [open, setOpen] = useState(selected.length > 0);
  const labels = new Map(options.map((option) => [option.id, option.label]));
  const full = max !== undefined && selected.length >= max;
  return (
    <details className="ledger-choices" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {legend}
        {selected.length > 0 ? `: ${selected.map((choice) => labels.get(choice) ?? choice).join(', ')}` : ': any'}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{legend}</legend>
        {options.length === 0 ? <p className="muted">None yet.</p> : null}
        {options.map((option) => {
          const checked = selected.includes(option.id);
          return (
            <label key={option.id} className="checkbox">
              <input
                type="checkbox"
                checked={checked}
                disabled={!checked && full}
                onChange={(event) => onChange(event.target.checked ? [...selected, option.id] : selected.filter((choice) => choice !== option.id))}
              />
              <span dir="auto">{option.label}</span>
            </label>
          );
        })}
        {full ? <p className="hint">At most {max} at once.</p> : null}
      </fieldset>
    </details>
  );
}
