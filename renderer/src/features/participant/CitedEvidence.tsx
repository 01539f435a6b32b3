import type { ParticipantCitation } from '../../../../shared/participantApi';
import { formatDay } from '../../app/format';

/** Customer evidence the lead cited, read-only: the quote, who said it, the source and the date. */
export function CitedEvidence({ citations, label }: { citations: readonly ParticipantCitation[]; label: string }) {
  if (citations.length === 0) return null;
  return (
    <div className="participant-citations">
      <p className="eyebrow">{label}</p>
      <ul className="participant-citation-list" aria-label={label}>
        {citations.map((citation, index) => (
          <li key={index} className="participant-citation">
            <blockquote dir="auto">{citation.quote}</blockquote>
            <p className="hint" dir="auto">
              {[citation.customer, citation.sourceName].filter(Boolean).join(' · ')}
              {citation.date ? (
                <>
                  {citation.customer || citation.sourceName ? ' · ' : ''}
                  <time dateTime={citation.date}>{formatDay(citation.date)}</time>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
