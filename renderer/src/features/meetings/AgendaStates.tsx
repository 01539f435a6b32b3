import { memo, useId } from 'react';
import { gateState } from '../../../../shared/coverage';
import type { Meeting } from '../../../../shared/domain';
import { plural } from '../../app/format';
import { GATE_TEXT } from '../chair/ChairPanel';

export interface AgendaStatesProps {
  agenda: Meeting['agenda'];
  /** The running meeting's current item. */
  currentId: string | null;
  /** The item the chair follows (when not running), and a way to choose another. */
  followedId?: string | null;
  onFollow?: (itemId: string) => void;
  title: string;
}

/** The agenda with where each item stands with the chair: answered, no impact, skipped, not yet. */
export const AgendaStates = memo(function AgendaStates({ agenda, currentId, followedId, onFollow, title }: AgendaStatesProps) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} <span className="heading-note">{plural(agenda.length, 'item')}</span>
      </h2>
      <ol className="agenda-states">
        {agenda.map((item, index) => {
          const discussed = item.startedAt !== null;
          const state = gateState(item);
          const now = item.id === currentId;
          const text = discussed || state !== 'open' ? GATE_TEXT[state].label : 'Not discussed yet';
          const iconState = discussed || state !== 'open' ? state : 'later';
          return (
            <li key={item.id} className={now ? 'agenda-state agenda-state-now' : 'agenda-state'} aria-current={now ? 'step' : undefined}>
              <span className="agenda-state-number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="agenda-state-main">
                <span id={`${id}-${item.id}`} className="agenda-state-title" dir="auto">
                  {item.title}
                </span>
                <span className={`agenda-state-text gate-${iconState}`}>
                  <span aria-hidden="true">{iconState === 'later' ? '·' : GATE_TEXT[state].icon}</span> {now ? `Now · ${text}` : text}
                  {item.decisions.length > 0 ? ` · ${plural(item.decisions.length, 'decision')}` : ''}
                </span>
              </span>
              {onFollow ? (
                <button
                  type="button"
                  className="button button-small"
                  aria-pressed={item.id === followedId}
                  aria-describedby={`${id}-${item.id}`}
                  onClick={() => onFollow(item.id)}
                >
                  Follow in chair
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
});
