import type { Library } from '../../../../shared/domain';
import type { LedgerEntry } from '../../../../shared/ledger';
import { DIRECTION_LABELS } from '../../app/constants';
import { formatDay, formatWhen } from '../../app/format';
import { routeHash } from '../../app/useRoute';
import { useTagLabels } from '../../app/useTagLabels';
import { DirectionBadge } from '../decisions/DirectionBadge';

/** One decision found: its text links to its meeting, opened at it. */
export function LedgerRow({ entry, library }: { entry: LedgerEntry; library: Library }) {
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
        {entry.citedAccounts.length > 0 || entry.citedSources.length > 0 ? (
          <span>
            Cites: <span dir="auto">{[...entry.citedAccounts, ...entry.citedSources.map((source) => source.name)].join(', ')}</span>
          </span>
        ) : null}
        {entry.outcome ? (
          <span>
            Turned out: {DIRECTION_LABELS[entry.outcome.direction]}
            {entry.outcome.direction === entry.direction
              ? ' (as predicted)'
              : ` (predicted ${DIRECTION_LABELS[entry.direction].toLowerCase()})`}
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
