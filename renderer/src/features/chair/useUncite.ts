import { useState } from 'react';
import type { Citation } from '../../../../shared/domain';
import { useMeetingCall } from '../../app/meetingContext';
import type { ToastAction } from '../../app/screen';
import { asApiError } from '../../app/useLibrary';

export type ShowToast = (message: string, action?: ToastAction) => void;

interface UnciteOptions {
  meetingId: string;
  itemId: string;
  /** Un-cite from this decision; left out, from the item's answer. */
  decisionId?: string | undefined;
  /** The citations the un-cite is from, in order (the Undo puts one back where it was). */
  citations: readonly Citation[];
  /** Where focus goes when the un-cited row was the last one. */
  fallbackFocus: (row: HTMLElement | null) => HTMLElement | null | undefined;
  showToast?: ShowToast | undefined;
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Un-cite, as the answer and the decisions offer it: takes the citation off, moves focus to the next
 * one, and offers an Undo that puts the very same copy back. The copy matters: once its evidence
 * source is deleted, it is the only one left and the evidence cannot be cited again.
 */
export function useUncite({ meetingId, itemId, decisionId, citations, fallbackFocus, showToast }: UnciteOptions) {
  const call = useMeetingCall();
  const [error, setError] = useState<string | null>(null);
  const where = decisionId === undefined ? {} : { decisionId };

  const uncite = (citation: Citation, row: HTMLElement | null) => {
    const index = citations.indexOf(citation);
    const next = (row?.nextElementSibling ?? row?.previousElementSibling)?.querySelector<HTMLElement>('button');
    const fallback = fallbackFocus(row);
    call('citations.remove', { meetingId, itemId, ...where, sourceId: citation.sourceId, key: citation.key }).then(
      () => {
        setError(null);
        (next?.isConnected ? next : fallback)?.focus();
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

  return { uncite, error };
}
