import { useState } from 'react';
import type { AgendaItem, Citation } from '../../../../shared/domain';
import { useMeetingCall } from '../../app/meetingContext';
import { asApiError } from '../../app/useLibrary';
import { CitationList } from '../decisions/CitationList';
import { useLiveSources } from '../decisions/useLiveSources';

/** The customer evidence cited on the chair's answer, under the answer, with Un-cite. */
export function AnswerCitations({ meetingId, item }: { meetingId: string; item: AgendaItem }) {
  const call = useMeetingCall();
  const [error, setError] = useState<string | null>(null);
  const liveSources = useLiveSources(item.citations.map((citation) => citation.sourceId));
  if (item.citations.length === 0) return null;

  const uncite = (citation: Citation, row: HTMLElement | null) => {
    const next = (row?.nextElementSibling ?? row?.previousElementSibling)?.querySelector<HTMLElement>('button');
    const fallback = row?.closest('.chair-body')?.querySelector<HTMLElement>('textarea');
    call('citations.remove', { meetingId, itemId: item.id, sourceId: citation.sourceId, key: citation.key }).then(
      () => {
        setError(null);
        (next?.isConnected ? next : fallback)?.focus();
      },
      (reason: unknown) => setError(`Could not un-cite: ${asApiError(reason).message}`),
    );
  };

  return (
    <div className="answer-citations">
      <p className="decision-citations-head">
        Evidence cited on the answer <span className="heading-note">{item.citations.length}</span>
      </p>
      <CitationList citations={item.citations} label="Customer evidence cited on the answer" liveSources={liveSources} onUncite={uncite} />
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
