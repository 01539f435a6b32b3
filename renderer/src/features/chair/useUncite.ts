import { useState } from 'react';
import type { Citation } from '../../../../shared/domain';
import { updateThenFocus } from '../../app/focus';
import { useMeetingCall } from '../../app/meetingContext';
import type { ToastAction } from '../../app/screen';
import { asApiError } from '../../app/useLibrary';

export type ShowToast = (message: string, action?: ToastAction) => void;

/** Where an un-cite takes a citation from: a decision, or (no decisionId) the item's answer. */
export interface UnciteFrom {
  decisionId?: string | undefined;
  /** The citations there, in order (the Undo puts one back where it was). */
  citations: readonly Citation[];
}

interface UnciteOptions extends Partial<UnciteFrom> {
  meetingId: string;
  itemId: string;
  /** Where focus goes when the un-cited row was the last one. */
  fallbackFocus?: (row: HTMLElement | null) => HTMLElement | null | undefined;
  showToast?: ShowToast | undefined;
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Un-cite, as the answer, the decisions and the chair's quotes offer it: takes the citation off,
 * moves focus on, and offers an Undo that puts the very same copy back. The copy matters: once its
 * evidence source is deleted, it is the only one left and the evidence cannot be cited again.
 */
export function useUncite({ meetingId, itemId, decisionId, citations = [], fallbackFocus, showToast }: UnciteOptions) {
  const call = useMeetingCall();
  const [error, setError] = useState<string | null>(null);

  /** Un-cites from any list of the item, then focuses what `focus` picks in the new render. */
  const unciteFrom = (from: UnciteFrom, citation: Citation, focus: () => HTMLElement | null | undefined) => {
    const where = from.decisionId === undefined ? {} : { decisionId: from.decisionId };
    const index = from.citations.indexOf(citation);
    call('citations.remove', { meetingId, itemId, ...where, sourceId: citation.sourceId, key: citation.key }).then(
      () => {
        updateThenFocus(() => setError(null), focus);
        showToast?.(`Un-cited “${shorten(citation.quote, 48)}”`, {
          label: 'Undo',
          run: async () => {
            await call('citations.restore', { meetingId, itemId, ...where, citation, ...(index < 0 ? {} : { index }) });
          },
        });
      },
      (reason: unknown) => setError(`Could not un-cite: ${asApiError(reason).message}`),
    );
  };

  /** Un-cites one row of the hook's own list; focus goes to the next row, else `fallbackFocus`. */
  const uncite = (citation: Citation, row: HTMLElement | null) => {
    const next = (row?.nextElementSibling ?? row?.previousElementSibling)?.querySelector<HTMLElement>('button');
    const fallback = fallbackFocus?.(row);
    unciteFrom({ decisionId, citations }, citation, () => (next?.isConnected ? next : fallback));
  };

  return { uncite, unciteFrom, error };
}
