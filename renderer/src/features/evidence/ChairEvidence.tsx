import './evidence.css';
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { AgendaItem } from '../../../../shared/domain';
import { markedRuns, scaleLine } from '../../../../shared/evidence/format';
import type { EvidenceHit, EvidenceSearchResult } from '../../../../shared/evidence/schema';
import { useClient } from '../../app/clientContext';
import { routeHash } from '../../app/useRoute';
import { CiteControl } from '../chair/CiteControl';
import type { ShowToast } from '../chair/useUncite';

/** The ranking refreshes this long after the item, its answer or its tags stop changing. */
export const EVIDENCE_REFRESH_MS = 250;
const INDEXING_RETRY_MS = 1_000;

/**
 * What real customers said about the item the chair follows: the top five quotes with the matched
 * words marked, and one line of scale. Asks after typing pauses, so keystrokes never wait for it.
 */
export function ChairEvidence({ meetingId, item, showToast }: { meetingId: string; item: AgendaItem; showToast?: ShowToast | undefined }) {
  const client = useClient();
  const [result, setResult] = useState<EvidenceSearchResult | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [boostPersonas, setBoostPersonas] = useState(true);
  const headingId = useId();
  const answer = item.answer?.text ?? '';
  const tags = item.decisions.flatMap((decision) => decision.tags.map((tag) => tag.tagId)).join(' ');

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const ask = () => {
      client
        .call('evidence.forItem', { meetingId, itemId: item.id, answer, boostPersonas, limit: 5 })
        .then((next) => {
          if (!live) return;
          setResult(next);
          setFailed(null);
          if (next.state === 'indexing') timer = setTimeout(ask, INDEXING_RETRY_MS);
        })
        .catch((error: Error) => live && setFailed(error.message));
    };
    timer = setTimeout(ask, EVIDENCE_REFRESH_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, meetingId, item.id, item.title, item.notes, answer, tags, boostPersonas]);

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
