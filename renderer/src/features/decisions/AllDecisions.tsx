import { memo, useCallback, useId, useMemo, useRef, useState } from 'react';
import type { ImpactDirection, Meeting } from '../../../../shared/domain';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';
import { plural } from '../../app/format';
import { useTagLabels } from '../../app/useTagLabels';
import { DecisionEntries, type DecisionContext } from './Decisions';

export interface AllDecisionsProps extends DecisionContext {
  agenda: Meeting['agenda'];
}

/** Every decision of the meeting, by item, filterable by tag and by direction. */
export const AllDecisions = memo(function AllDecisions({ agenda, meetingId, tags, people, showToast, live, lead }: AllDecisionsProps) {
  const id = useId();
  const [tagFilter, setTagFilter] = useState('');
  const [directionFilter, setDirectionFilter] = useState<'' | ImpactDirection>('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fallbackFocus = useCallback(() => headingRef.current, []);
  const tagLabels = useTagLabels(tags);

  const total = useMemo(() => agenda.reduce((sum, item) => sum + item.decisions.length, 0), [agenda]);
  const usedTags = useMemo(() => {
    const used = new Set(agenda.flatMap((item) => item.decisions.flatMap((decision) => decision.tags.map((tag) => tag.tagId))));
    return [...used].map((tagId) => ({ id: tagId, label: tagLabels.get(tagId) ?? tagId })).sort((a, b) => a.label.localeCompare(b.label));
  }, [agenda, tagLabels]);
  const groups = useMemo(
    () =>
      agenda
        .map((item) => ({
          item,
          decisions: item.decisions.filter(
            (decision) =>
              (!tagFilter || decision.tags.some((tag) => tag.tagId === tagFilter)) &&
              (!directionFilter || decision.direction === directionFilter),
          ),
        }))
        .filter((group) => group.decisions.length > 0),
    [agenda, tagFilter, directionFilter],
  );
  const shown = groups.reduce((sum, group) => sum + group.decisions.length, 0);

  return (
    <section className="card all-decisions" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 ref={headingRef} id={`${id}-heading`} tabIndex={-1}>
          All decisions{' '}
          <span className="heading-note">{tagFilter || directionFilter ? `${shown} of ${total}` : plural(total, 'decision')}</span>
        </h2>
      </div>
      <div className="filters" role="group" aria-label="Filter decisions">
        <div className="field field-inline">
          <label htmlFor={`${id}-tag`}>Tag</label>
          <select id={`${id}-tag`} value={tagFilter} onChange={(event) => setTagFilter(event.target.value)}>
            <option value="">All tags</option>
            {usedTags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor={`${id}-direction`}>Direction</label>
          <select
            id={`${id}-direction`}
            value={directionFilter}
            onChange={(event) => setDirectionFilter(event.target.value as '' | ImpactDirection)}
          >
            <option value="">All directions</option>
            {DIRECTIONS.map((direction) => (
              <option key={direction} value={direction}>
                {DIRECTION_LABELS[direction]}
              </option>
            ))}
          </select>
        </div>
        <p className="hint" aria-live="polite">
          {total === 0 ? '' : `Showing ${plural(shown, 'decision')}`}
        </p>
      </div>
      {total === 0 ? (
        <p className="muted">No decisions yet. Log them at each agenda item with “Log decision” (or D).</p>
      ) : groups.length === 0 ? (
        <p className="muted">No decisions match these filters.</p>
      ) : (
        groups.map(({ item, decisions }) => (
          <div key={item.id} className="decision-group">
            <h3 className="decision-group-title" dir="auto">
              {item.title}
            </h3>
            <DecisionEntries
              meetingId={meetingId}
              item={item}
              decisions={decisions}
              tags={tags}
              people={people}
              showToast={showToast}
              fallbackFocus={fallbackFocus}
              live={live}
              lead={lead}
            />
          </div>
        ))
      )}
    </section>
  );
});
