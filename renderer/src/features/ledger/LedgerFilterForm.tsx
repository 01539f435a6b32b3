import type { Library } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';
import type { LedgerResult } from '../../../../shared/ledger';
import { ChoiceList } from './ChoiceList';
import { LedgerCitedFilters } from './LedgerCitedFilters';
import type { LedgerFilters } from './ledgerQuery';

interface LedgerFilterFormProps {
  /** The page's id prefix: the search box is `${id}-text` (Clear focuses it). */
  id: string;
  library: Library;
  /** What the decisions cite (accounts, sources), for those filters. */
  cited: LedgerResult['cited'];
  filters: LedgerFilters;
  text: string;
  onText: (text: string) => void;
  update: (changes: Partial<LedgerFilters>) => void;
  /** Shown when something is searched or filtered. */
  clear: (() => void) | null;
}

/** The search box and the filters: direction, tags, series, persona, review, owner, dates, cited account and source. */
export function LedgerFilterForm({ id, library, cited, filters, text, onText, update, clear }: LedgerFilterFormProps) {
  return (
    <form className="card ledger-filters" role="search" aria-label="Decisions" onSubmit={(event) => event.preventDefault()}>
      <div className="field ledger-text">
        <label htmlFor={`${id}-text`}>Search decisions</label>
        <input
          id={`${id}-text`}
          type="search"
          value={text}
          maxLength={LIMITS.titleMax}
          autoComplete="off"
          placeholder="Words, a persona's name, #tag…"
          aria-describedby={`${id}-text-hint`}
          onChange={(event) => onText(event.target.value)}
        />
        <p className="hint" id={`${id}-text-hint`}>
          Finds every form of a word (“price” finds “pricing”) in decisions, agenda items and their notes, the chair’s answers, meeting
          titles, persona names and tags, most relevant first; #word looks at tags only.
        </p>
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
        <LedgerCitedFilters cited={cited} filters={filters} update={update} />
      </div>
      <div className="ledger-fields">
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
          <select
            id={`${id}-review`}
            value={filters.review}
            onChange={(event) => update({ review: event.target.value as LedgerFilters['review'] })}
          >
            <option value="any">Any</option>
            <option value="pending">Awaiting review</option>
            <option value="reviewed">Outcome recorded</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <input
            id={`${id}-owner`}
            value={filters.owner}
            maxLength={LIMITS.nameMax}
            autoComplete="off"
            onChange={(event) => update({ owner: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>Meetings from</label>
          <input
            id={`${id}-from`}
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(event) => update({ from: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Meetings to</label>
          <input
            id={`${id}-to`}
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(event) => update({ to: event.target.value })}
          />
        </div>
      </div>
      {clear ? (
        <button type="button" className="button button-small" onClick={clear}>
          Clear search and filters
        </button>
      ) : null}
    </form>
  );
}
