import { useState } from 'react';
import type { Citation, Decision } from '../../../../shared/domain';
import { useMeetingCall } from '../../app/meetingContext';
import { asApiError } from '../../app/useLibrary';
import { accountsLine, CitationList } from './CitationList';
import { useLiveSources } from './useLiveSources';

interface DecisionCitationsProps {
  meetingId: string;
  itemId: string;
  decision: Decision;
}

/** A decision's cited customer evidence, the accounts it touches and their revenue, with Un-cite. */
export function DecisionCitations({ meetingId, itemId, decision }: DecisionCitationsProps) {
  const call = useMeetingCall();
  const [error, setError] = useState<string | null>(null);
  const liveSources = useLiveSources(decision.citations.map((citation) => citation.sourceId));
  if (decision.citations.length === 0) return null;
  const line = accountsLine(decision.citations);

  const uncite = (citation: Citation, row: HTMLElement | null) => {
    const next = (row?.nextElementSibling ?? row?.previousElementSibling)?.querySelector<HTMLElement>('button');
    const fallback = row?.closest('[data-decision-id]')?.querySelector<HTMLElement>('button');
    call('citations.remove', { meetingId, itemId, decisionId: decision.id, sourceId: citation.sourceId, key: citation.key }).then(
      () => {
        setError(null);
        (next?.isConnected ? next : fallback)?.focus();
      },
      (reason: unknown) => setError(`Could not un-cite: ${asApiError(reason).message}`),
    );
  };

  return (
    <div className="decision-citations">
      <p className="decision-citations-head">
        Customer evidence <span className="heading-note">{decision.citations.length}</span>
      </p>
      {line ? <p className="decision-accounts">{line}</p> : null}
      <CitationList
        citations={decision.citations}
        label="Customer evidence cited on this decision"
        liveSources={liveSources}
        onUncite={uncite}
      />
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
