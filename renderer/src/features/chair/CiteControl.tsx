import { useEffect, useId, useRef, useState } from 'react';
import type { AgendaItem } from '../../../../shared/domain';
import type { EvidenceHit } from '../../../../shared/evidence/schema';
import { shorten } from '../../app/format';
import { updateThenFocus } from '../../app/focus';
import { useMeetingCall } from '../../app/meetingContext';
import { asApiError } from '../../app/useLibrary';
import { useUncite, type ShowToast } from './useUncite';

interface Target {
  /** '' for the answer, else the decision's id. */
  id: string;
  label: string;
  cited: boolean;
}

function targetsOf(item: AgendaItem, hit: Pick<EvidenceHit, 'sourceId' | 'key'>): Target[] {
  const names = (citations: AgendaItem['citations']) => citations.some((c) => c.sourceId === hit.sourceId && c.key === hit.key);
  return [
    { id: '', label: 'the answer', cited: names(item.citations) },
    ...item.decisions.map((decision) => ({ id: decision.id, label: `“${shorten(decision.text, 40)}”`, cited: names(decision.citations) })),
  ];
}

interface CiteControlProps {
  meetingId: string;
  item: AgendaItem;
  hit: Pick<EvidenceHit, 'sourceId' | 'key'>;
  /** The quote's element id, so every button says which quote it acts on. */
  quoteId: string;
  /** Offers the Undo of an un-cite. */
  showToast?: ShowToast | undefined;
}

/**
 * "Cite" on one of the chair's quotes: on the answer, or (when the item has decisions) on the
 * answer or one decision, picked from a short list of buttons. Where it is cited, "Un-cite", with Undo.
 */
export function CiteControl({ meetingId, item, hit, quoteId, showToast }: CiteControlProps) {
  const call = useMeetingCall();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const { unciteFrom, error: unciteError } = useUncite({ meetingId, itemId: item.id, showToast });
  const focusCite = useRef(false);
  useEffect(() => {
    const cite = focusCite.current ? boxRef.current?.querySelector<HTMLElement>('[data-cite]') : null;
    if (!cite) return;
    focusCite.current = false;
    cite.focus();
  });
  const targets = targetsOf(item, hit);
  const uncited = targets.filter((target) => !target.cited);

  const focusAfter = (targetId: string) =>
    boxRef.current?.querySelector<HTMLElement>(`[data-target="${targetId}"]`) ??
    toggleRef.current ??
    boxRef.current?.querySelector<HTMLElement>('button');

  const cite = (target: Target) => {
    const decision = target.id ? { decisionId: target.id } : {};
    call('citations.add', { meetingId, itemId: item.id, sourceId: hit.sourceId, key: hit.key, ...decision }).then(
      () =>
        updateThenFocus(
          () => {
            setOpen(false);
            setError(null);
          },
          () => focusAfter(target.id),
        ),
      (reason: unknown) => setError(`Could not cite: ${asApiError(reason).message}`),
    );
  };

  // The same Un-cite as the answer's and the decisions' lists: the Undo puts the very copy back.
  const uncite = (target: Target) => {
    const from = target.id ? (item.decisions.find((decision) => decision.id === target.id)?.citations ?? []) : item.citations;
    const citation = from.find((c) => c.sourceId === hit.sourceId && c.key === hit.key);
    if (!citation) return;
    setError(null);
    unciteFrom({ decisionId: target.id || undefined, citations: from }, citation, () => {
      // The button pressed goes away; focus its "Cite" once the render without it is there.
      const cite = boxRef.current?.querySelector<HTMLElement>('[data-cite]');
      if (cite) return cite;
      focusCite.current = true;
      return null;
    });
  };

  return (
    <div ref={boxRef} className="cite-control">
      {targets
        .filter((target) => target.cited)
        .map((target) => (
          <p key={target.id} className="cite-state">
            <span>Cited on {target.label}</span>{' '}
            <button
              type="button"
              className="button button-small button-quiet"
              data-target={target.id}
              aria-label={`Un-cite from ${target.label}`}
              aria-describedby={quoteId}
              onClick={() => uncite(target)}
            >
              Un-cite
            </button>
          </p>
        ))}
      {uncited.length === 0 ? null : targets.length === 1 ? (
        <button type="button" className="button button-small" data-cite aria-describedby={quoteId} onClick={() => cite(targets[0]!)}>
          Cite on the answer
        </button>
      ) : (
        <>
          <button
            ref={toggleRef}
            data-cite
            type="button"
            className="button button-small"
            aria-expanded={open}
            aria-controls={listId}
            aria-describedby={quoteId}
            onClick={() => setOpen((was) => !was)}
          >
            Cite…
          </button>
          <ul
            id={listId}
            hidden={!open}
            className="cite-targets"
            aria-label="Cite this quote on"
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              event.stopPropagation();
              updateThenFocus(
                () => setOpen(false),
                () => toggleRef.current,
              );
            }}
          >
            {uncited.map((target) => (
              <li key={target.id}>
                <button type="button" className="button button-small" onClick={() => cite(target)}>
                  On {target.label}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {(error ?? unciteError) ? (
        <p role="alert" className="field-error">
          {error ?? unciteError}
        </p>
      ) : null}
    </div>
  );
}
