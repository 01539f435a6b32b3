import type { AgendaItem } from '../../../../shared/domain';
import { CitationList } from '../decisions/CitationList';
import { useLiveSources } from '../decisions/useLiveSources';
import { useUncite, type ShowToast } from './useUncite';
import { ActionError } from '../../app/ActionError';

interface AnswerCitationsProps {
  meetingId: string;
  item: AgendaItem;
  /** Offers the Undo of an un-cite. */
  showToast?: ShowToast | undefined;
}

/** The customer evidence cited on the chair's answer, under the answer, with Un-cite (and its Undo). */
export function AnswerCitations({ meetingId, item, showToast }: AnswerCitationsProps) {
  const liveSources = useLiveSources(item.citations.map((citation) => citation.sourceId));
  const { uncite, error } = useUncite({
    meetingId,
    itemId: item.id,
    citations: item.citations,
    fallbackFocus: (row) => row?.closest('.chair-body')?.querySelector<HTMLElement>('textarea'),
    showToast,
  });
  if (item.citations.length === 0) return null;

  return (
    <div className="answer-citations">
      <p className="decision-citations-head">
        Evidence cited on the answer <span className="heading-note">{item.citations.length}</span>
      </p>
      <CitationList citations={item.citations} label="Customer evidence cited on the answer" liveSources={liveSources} onUncite={uncite} />
      <ActionError message={error} />
    </div>
  );
}
