import { startTransition, useEffect, useRef, useState, type RefObject } from 'react';
import type { AgendaItem } from '../../../../shared/domain';
import type { EvidenceSearchResult } from '../../../../shared/evidence/schema';
import { useClient } from '../../app/clientContext';

/**
 * The ranking is asked for this long after the answer, the item or its tags stop changing. Issue 19
 * §2 wants the new ranking shown within 300 ms of the pause: this quiet, then the service's ranking
 * (p95 ~16 ms over 100,000 items) and one render of the list.
 */
export const EVIDENCE_REFRESH_MS = 150;
const INDEXING_RETRY_MS = 1_000;

/**
 * The chair's evidence for `item`, following the answer as it is typed: the answer box is
 * uncontrolled (its keystrokes render nothing), so its input events are listened to here, not the
 * saved answer, which comes back only after the autosave's delay and the save. A keystroke only
 * restarts a timer; a ranking that answers after a newer question was asked is dropped, and one
 * that shows what is shown already renders nothing.
 */
export function useChairEvidence(
  meetingId: string,
  item: AgendaItem,
  answerRef: RefObject<HTMLTextAreaElement | null> | undefined,
  boostPersonas: boolean,
): { result: EvidenceSearchResult | null; failed: string | null } {
  const client = useClient();
  const [result, setResult] = useState<EvidenceSearchResult | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const saved = item.answer?.text ?? '';
  const savedRef = useRef(saved);
  /** Asks again if the answer shown differs from the one last asked with; set by the effect below. */
  const recheck = useRef<() => void>(() => undefined);
  const tags = item.decisions.flatMap((decision) => decision.tags.map((tag) => tag.tagId)).join(' ');

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asked: string | null = null;
    let latest = 0;
    let shown = '';
    const area = answerRef?.current ?? null;
    const answerNow = () => area?.value ?? savedRef.current;
    const ask = () => {
      const answer = answerNow();
      asked = answer;
      const question = ++latest;
      client
        .call('evidence.forItem', { meetingId, itemId: item.id, answer, boostPersonas, limit: 5 })
        .then((next) => {
          if (!live || question !== latest) return;
          // The same ranking again (a word most items hold, a letter undone) renders nothing (the panel does not
          // show the query); a new one renders as a transition, which a keystroke interrupts.
          const key = JSON.stringify({ ...next, query: '' });
          if (key !== shown) startTransition(() => setResult(next));
          shown = key;
          setFailed(null);
          if (next.state === 'indexing') timer = setTimeout(ask, INDEXING_RETRY_MS);
        })
        .catch((error: Error) => live && question === latest && setFailed(error.message));
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(ask, EVIDENCE_REFRESH_MS);
    };
    const changed = () => {
      if (answerNow() !== asked) later();
    };
    recheck.current = changed;
    area?.addEventListener('input', changed);
    later();
    return () => {
      live = false;
      clearTimeout(timer);
      area?.removeEventListener('input', changed);
      recheck.current = () => undefined;
    };
  }, [client, meetingId, item.id, item.title, item.notes, tags, boostPersonas, answerRef]);

  // The saved answer changes with the echo of what was typed here (asked for already: nothing to
  // do) or from elsewhere (a proposal taken in, another window), which the box then shows.
  useEffect(() => {
    savedRef.current = saved;
    recheck.current();
  }, [saved]);

  return { result, failed };
}
