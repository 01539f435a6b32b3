import { useId, useState, type FormEvent } from 'react';
import type { ParticipantView } from '../../../../shared/participantApi';
import { LIMITS } from '../../../../shared/limits';
import { CHAIR_QUESTION, type ImpactDirection } from '../../../../shared/vocabulary';
import { ChairMark } from '../../app/ChairMark';
import { DIRECTION_LABELS } from '../../app/constants';
import { plural, shorten } from '../../app/format';
import { credit } from '../sharing/attribution';
import type { ParticipantSession, QueuedAction } from './participantSession';
import { DirectionSelect } from './DirectionSelect';
import { CitedEvidence } from './CitedEvidence';
import { ActionError } from '../../app/ActionError';

/** One drafted proposal per agenda item: a draft stays with the item it was typed for. */
export type Draft = { text: string; direction: '' | ImpactDirection };
export const EMPTY_DRAFT: Draft = { text: '', direction: '' };

interface ChairCardProps {
  session: ParticipantSession;
  view: ParticipantView;
  pending: readonly QueuedAction[];
  draft: Draft;
  setDraft(draft: Draft): void;
}

export function ChairCard({ session, view, pending, draft, setDraft }: ChairCardProps) {
  const id = useId();
  const item = view.item!;
  const { text, direction } = draft;
  const setText = (value: string) => setDraft({ ...draft, text: value });
  const setDirection = (value: '' | ImpactDirection) => setDraft({ ...draft, direction: value });
  const [error, setError] = useState<string | null>(null);
  const waiting = pending.filter((action) => action.method === 'participant.propose' && action.input.itemId === item.id).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) {
      setError('Write the answer you propose first.');
      return;
    }
    if (text.length > LIMITS.proposalTextMax) {
      setError(`Use at most ${LIMITS.proposalTextMax} characters.`);
      return;
    }
    setError(null);
    session.act(
      { method: 'participant.propose', input: { itemId: item.id, text, direction: direction || null } },
      `Proposed answer “${shorten(trimmed, 40)}”`,
    );
    setDraft(EMPTY_DRAFT);
  };

  return (
    <section className="card participant-chair" aria-labelledby={`${id}-chair`}>
      <div className="chair-head">
        <ChairMark size={24} />
        <h2 id={`${id}-chair`}>Empty chair</h2>
      </div>
      <p className="chair-prompt">{CHAIR_QUESTION}</p>
      {view.personas.length > 0 ? (
        <ul className="participant-personas" aria-label="In the chair">
          {view.personas.map((persona) => (
            <li key={persona.id}>
              <strong dir="auto">{persona.name}</strong>
              {persona.segment ? (
                <span className="muted" dir="auto">
                  {' '}
                  · {persona.segment}
                </span>
              ) : null}
              {persona.needs.length > 0 ? (
                <span className="persona-needs-inline" dir="auto">
                  {' '}
                  needs {persona.needs.slice(0, 3).join('; ')}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nobody sits in the chair for this meeting.</p>
      )}
      {item.answer ? (
        <div className="participant-answer">
          <p className="eyebrow">The chair’s answer so far</p>
          <p dir="auto">{item.answer.text || <span className="muted">(no text)</span>}</p>
          <p className="hint">
            {item.answer.direction ? `${DIRECTION_LABELS[item.answer.direction]} · ` : ''}
            {credit(item.answer)}
          </p>
        </div>
      ) : item.noImpactReason ? (
        <p className="muted">Marked “No customer impact”: {item.noImpactReason}</p>
      ) : null}
      <CitedEvidence citations={item.citations} label="Customer evidence cited on the answer" />
      <form className="propose-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-text`}>
            Propose an answer <span className="visually-hidden">for “{item.title}”</span>
          </label>
          <textarea
            id={`${id}-text`}
            rows={3}
            dir="auto"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : `${id}-hint`}
          />
          <p id={`${id}-hint`} className="hint">
            The lead sees it with your name and may take it as the answer.
          </p>
          <ActionError message={error} id={`${id}-error`} />
        </div>
        <div className="field field-inline">
          <DirectionSelect id={`${id}-direction`} label="Direction" noneLabel="Not sure" value={direction} onChange={setDirection} />
        </div>
        <button type="submit" className="button button-primary">
          Propose
        </button>
        {waiting > 0 ? <p className="hint">{plural(waiting, 'proposal')} waiting to send</p> : null}
      </form>
    </section>
  );
}
