import './evidence.css';
import { useId, useState, type ReactNode, type RefObject } from 'react';
import type { AgendaItem } from '../../../../shared/domain';
import { markedRuns, scaleLine } from '../../../../shared/evidence/format';
import type { EvidenceHit, EvidenceSearchResult } from '../../../../shared/evidence/schema';
import { routeHash } from '../../app/useRoute';
import { CiteControl } from '../chair/CiteControl';
import type { ShowToast } from '../chair/useUncite';
import { useChairEvidence } from './useChairEvidence';

/**
 * What real customers said about the item the chair follows: the top five quotes with the matched
 * words marked, and one line of scale. Asks after typing pauses, so keystrokes never wait for it;
 * `answerRef` is the chair's answer box, followed as it is typed.
 */
export function ChairEvidence({
  meetingId,
  item,
  answerRef,
  showToast,
}: {
  meetingId: string;
  item: AgendaItem;
  answerRef?: RefObject<HTMLTextAreaElement | null>;
  showToast?: ShowToast | undefined;
}) {
  const [boostPersonas, setBoostPersonas] = useState(true);
  const { result, failed } = useChairEvidence(meetingId, item, answerRef, boostPersonas);
  const headingId = useId();

  return (
    <section className="chair-evidence" aria-labelledby={headingId}>
      <h3 id={headingId} className="chair-evidence-heading">
        What customers said
      </h3>
      {failed ? (
        <p className="muted">Customer evidence could not be ranked: {failed}</p>
      ) : (
        <EvidenceBody result={result} meetingId={meetingId} item={item} showToast={showToast} />
      )}
      {result && result.state === 'ready' ? (
        <label className="chair-evidence-boost">
          <input type="checkbox" checked={boostPersonas} onChange={(event) => setBoostPersonas(event.target.checked)} /> Rank the chair’s
          segments first
        </label>
      ) : null}
    </section>
  );
}

interface EvidenceBodyProps {
  result: EvidenceSearchResult | null;
  meetingId: string;
  item: AgendaItem;
  showToast?: ShowToast | undefined;
}

function EvidenceBody({ result, meetingId, item, showToast }: EvidenceBodyProps) {
  if (!result) return <p className="muted">Looking for customer evidence…</p>;
  if (result.state === 'empty')
    return (
      <p className="muted">
        No customer evidence yet. <a href={routeHash({ name: 'evidence' })}>Import customer evidence</a>: tickets, survey answers or
        reviews.
      </p>
    );
  if (result.state === 'indexing') return <p className="muted">Indexing customer evidence…</p>;
  if (result.hits.length === 0) return <p className="muted">No customer evidence matches this item yet.</p>;
  return (
    <>
      <p className="chair-evidence-scale">{scaleLine(result.scale)}</p>
      <ol className="chair-evidence-list">
        {result.hits.map((hit) => (
          <EvidenceQuote
            key={`${hit.sourceId}:${hit.key}`}
            hit={hit}
            action={(quoteId) => <CiteControl meetingId={meetingId} item={item} hit={hit} quoteId={quoteId} showToast={showToast} />}
          />
        ))}
      </ol>
    </>
  );
}

/** One quote; `action` adds controls below it (the chair's Cite), given the quote's element id. */
export function EvidenceQuote({ hit, action }: { hit: EvidenceHit; action?: (quoteId: string) => ReactNode }) {
  const quoteId = useId();
  const who = [hit.customer, hit.accountName && hit.accountName !== hit.customer ? hit.accountName : ''].filter(Boolean).join(', ');
  const facts = [who, hit.segment, hit.date, hit.sourceName, hit.rating === null ? '' : `rating ${hit.rating}`].filter(Boolean);
  return (
    <li className="evidence-quote">
      <blockquote id={quoteId} dir="auto">
        {markedRuns(hit.text, hit.marks).map((run, index) =>
          run.marked ? <mark key={index}>{run.text}</mark> : <span key={index}>{run.text}</span>,
        )}
      </blockquote>
      <p className="evidence-facts" dir="auto">
        {facts.join(' · ')}
      </p>
      {action?.(quoteId)}
    </li>
  );
}
