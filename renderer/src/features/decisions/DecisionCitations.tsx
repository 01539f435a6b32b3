import type { Decision } from '../../../../shared/domain';
import { useUncite, type ShowToast } from '../chair/useUncite';
import { accountsLine, CitationList } from './CitationList';
import { useLiveSources } from './useLiveSources';
import { ActionError } from '../../app/ActionError';

interface DecisionCitationsProps {
  meetingId: string;
  itemId: string;
  decision: Decision;
  /** Offers the Undo of an un-cite. */
  showToast?: ShowToast | undefined;
}

/** A decision's cited customer evidence, the accounts it touches and their revenue, with Un-cite (and its Undo). */
export function DecisionCitations({ meetingId, itemId, decision, showToast }: DecisionCitationsProps) {
  const liveSources = useLiveSources(decision.citations.map((citation) => citation.sourceId));
  const { uncite, error } = useUncite({
    meetingId,
    itemId,
    decisionId: decision.id,
    citations: decision.citations,
    fallbackFocus: (row) => row?.closest('[data-decision-id]')?.querySelector<HTMLElement>('button'),
    showToast,
  });
  if (decision.citations.length === 0) return null;
  const line = accountsLine(decision.citations);

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
      <ActionError message={error} />
    </div>
  );
}
