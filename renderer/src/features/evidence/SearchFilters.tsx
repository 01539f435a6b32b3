import type { EvidenceFilters } from '../../../../shared/evidence/api';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';
import type { EvidenceSource } from '../../../../shared/evidence/schema';

/** The filters as the form holds them: text, '' for "any". */
export interface FilterFields {
  sourceId: string;
  segment: string;
  account: string;
  from: string;
  to: string;
  ratingMin: string;
  ratingMax: string;
}

export const NO_FILTERS: FilterFields = { sourceId: '', segment: '', account: '', from: '', to: '', ratingMin: '', ratingMax: '' };

/** The API's filters from the form's, or the message saying what to fix (nothing is sent then). */
export function toFilters(fields: FilterFields): { filters: EvidenceFilters } | { problem: string } {
  const filters: EvidenceFilters = {};
  if (fields.sourceId) filters.sourceId = fields.sourceId;
  if (fields.segment.trim()) filters.segment = fields.segment.trim();
  if (fields.account.trim()) filters.account = fields.account.trim();
  if (fields.from) filters.from = fields.from;
  if (fields.to) filters.to = fields.to;
  if (filters.from && filters.to && filters.from > filters.to) return { problem: 'The “From” date must be on or before the “To” date.' };
  for (const key of ['ratingMin', 'ratingMax'] as const) {
    const text = fields[key].trim();
    if (!text) continue;
    const value = Number(text);
    if (!Number.isFinite(value)) return { problem: `${key === 'ratingMin' ? 'Lowest' : 'Highest'} rating must be a number.` };
    filters[key] = value;
  }
  if (filters.ratingMin !== undefined && filters.ratingMax !== undefined && filters.ratingMin > filters.ratingMax) {
    return { problem: 'The lowest rating must be at most the highest.' };
  }
  return { filters };
}

/** Source, segment, account, date range and rating range: each narrows the search exactly. */
export function SearchFilters({
  id,
  fields,
  sources,
  segments,
  accountNames,
  onChange,
}: {
  id: string;
  fields: FilterFields;
  sources: EvidenceSource[];
  segments: string[];
  accountNames: string[];
  onChange: (fields: FilterFields) => void;
}) {
  const set = (key: keyof FilterFields) => (event: { target: { value: string } }) => onChange({ ...fields, [key]: event.target.value });
  return (
    <fieldset className="evidence-filters">
      <legend>Filters</legend>
      <div className="field">
        <label htmlFor={`${id}-source`}>Source</label>
        <select id={`${id}-source`} value={fields.sourceId} onChange={set('sourceId')}>
          <option value="">All sources</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-segment`}>Segment</label>
        <select id={`${id}-segment`} value={fields.segment} onChange={set('segment')}>
          <option value="">All segments</option>
          {segments.map((segment) => (
            <option key={segment} value={segment}>
              {segment}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-account`}>Account or customer</label>
        <input
          id={`${id}-account`}
          list={`${id}-accounts`}
          value={fields.account}
          maxLength={EVIDENCE_LIMITS.fieldMax}
          onChange={set('account')}
        />
        <datalist id={`${id}-accounts`}>
          {accountNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={fields.from} onChange={set('from')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={fields.to} onChange={set('to')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-rating-min`}>Lowest rating</label>
        <input id={`${id}-rating-min`} type="number" inputMode="decimal" value={fields.ratingMin} onChange={set('ratingMin')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-rating-max`}>Highest rating</label>
        <input id={`${id}-rating-max`} type="number" inputMode="decimal" value={fields.ratingMax} onChange={set('ratingMax')} />
      </div>
      {Object.values(fields).some(Boolean) ? (
        <button type="button" className="button button-small" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      ) : null}
    </fieldset>
  );
}
