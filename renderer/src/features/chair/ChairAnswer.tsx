import { useEffect, useEffectEvent, useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { AgendaItem, FollowUp, ImpactDirection } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import { describeSaveError, SaveStatusText, sameIds, useAutosaveChoice, useAutosaveText } from '../../app/autosave';
import { ConflictNotice } from '../../app/ConflictNotice';
import { SEVERITY_LABELS } from '../../app/constants';
import { DirectionControl } from '../../app/DirectionControl';
import { LimitedInput, LimitedTextarea } from '../../app/LimitedText';
import { useAction } from '../../app/useAction';
import { useMeetingCall } from '../../app/meetingContext';
import { PersonaDetails, type ChairPersona } from './PersonaCards';
import { updateThenFocus } from '../../app/focus';
import { ActionError } from '../../app/ActionError';

/** Dispatched on a `[data-direction-scope]` element by the 1-5 shortcuts; detail is the direction. */
export const DIRECTION_EVENT = 'emptychair-direction';

const NO_IDS: readonly string[] = [];

export interface ChairAnswerProps {
  meetingId: string;
  item: AgendaItem;
  itemIndex: number;
  personas: readonly ChairPersona[];
  followUp: FollowUp | null;
  people: readonly string[];
  answerRef: RefObject<HTMLTextAreaElement | null>;
  meetingHref: string;
}

/**
 * The answer to "How does this affect the customer?" for one item: text (saved as it is typed),
 * direction, severity, and whom it concerns (saved at once). Keyed by item: moving to another
 * item saves what was typed and starts afresh.
 */
export function ChairAnswer({ meetingId, item, itemIndex, personas, followUp, people, answerRef, meetingHref }: ChairAnswerProps) {
  const call = useMeetingCall();
  const id = useId();
  const scopeRef = useRef<HTMLDivElement>(null);
  const answer = item.answer;
  const save = (changes: { text?: string; direction?: ImpactDirection | null; severity?: number; personaIds?: string[] }) =>
    call('chair.answer', { meetingId, itemId: item.id, changes });

  const [text, attachText] = useAutosaveText(answer?.text ?? '', 'chair', { send: (value) => save({ text: value }) });
  const direction = useAutosaveChoice<ImpactDirection | null>(answer?.direction ?? null, 'chair', (value) => save({ direction: value }));
  const severity = useAutosaveChoice<number>(answer?.severity ?? 0, 'chair', (value) => save({ severity: value }));
  const concerned = useAutosaveChoice<readonly string[]>(
    answer?.personaIds ?? NO_IDS,
    'chair',
    (value) => save({ personaIds: [...value] }),
    sameIds,
  );

  // 1-5 while focus is in these controls (see the runner's shortcuts).
  const onDirectionKey = useEffectEvent((value: ImpactDirection) => {
    direction.set(value);
    const active = document.activeElement;
    if (active instanceof HTMLInputElement && active.type === 'radio' && active.name === `${id}-direction`) {
      scopeRef.current?.querySelector<HTMLInputElement>(`input[name="${id}-direction"][value="${value}"]`)?.focus();
    }
  });
  useEffect(() => {
    const scope = scopeRef.current;
    if (!scope) return;
    const listener = (event: Event) => onDirectionKey((event as CustomEvent<ImpactDirection>).detail);
    scope.addEventListener(DIRECTION_EVENT, listener);
    return () => scope.removeEventListener(DIRECTION_EVENT, listener);
  }, []);

  const onAnswerKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Escape leaves the text (saving it) for the answer's controls, where the shortcuts work again.
    if (event.key === 'Escape' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      scopeRef.current?.focus();
    }
  };

  const errors = [
    text.error && describeSaveError(text.error, 'The answer', text.value),
    direction.error && `The direction is not saved: ${direction.error.message}`,
    severity.error && `The severity is not saved: ${severity.error.message}`,
    concerned.error && `Whom it concerns is not saved: ${concerned.error.message}`,
  ].filter(Boolean);

  return (
    <div ref={scopeRef} className="chair-answer" data-direction-scope="answer" tabIndex={-1}>
      <label htmlFor={`${id}-answer`} className="chair-prompt">
        How does this affect the customer?
      </label>
      <LimitedTextarea
        ref={(element) => {
          attachText(element);
          answerRef.current = element;
        }}
        id={`${id}-answer`}
        className="chair-text"
        dir="auto"
        rows={4}
        limit={LIMITS.answerMax}
        placeholder="Their words: what changes for them, and how much?"
        aria-invalid={text.error ? true : undefined}
        aria-describedby={text.error ? `${id}-errors` : undefined}
        onChange={(event) => text.onChange(event.target.value)}
        onBlur={text.onBlur}
        onKeyDown={onAnswerKeyDown}
      />
      {text.conflict ? (
        <ConflictNotice
          label="The answer"
          theirs={text.conflict.theirs}
          onKeepMine={() => text.field.keepMine()}
          onUseTheirs={() => text.field.useTheirs()}
        />
      ) : null}
      {errors.length > 0 ? (
        <div id={`${id}-errors`} role="alert" className="field-error">
          {errors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      ) : null}

      <DirectionControl name={`${id}-direction`} value={direction.value} onChange={(value) => direction.set(value)} />

      <fieldset className="segmented-field">
        <legend>Severity</legend>
        <div className="segmented">
          {SEVERITY_LABELS.map((label, value) => (
            <label key={value} className="segment">
              <input
                type="radio"
                name={`${id}-severity`}
                value={value}
                checked={severity.value === value}
                onChange={() => severity.set(value)}
              />
              <span>
                {value} {label.toLowerCase()}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <p className="chair-footer">
        <SaveStatusText group="chair" />
        <span className="hint">
          <kbd>Esc</kbd> leaves the text · <kbd>1</kbd>–<kbd>5</kbd> direction
        </span>
      </p>

      {direction.value === 'unknown' ? (
        followUp ? (
          <FollowUpOwner key={followUp.id} meetingId={meetingId} followUp={followUp} people={people} />
        ) : (
          <p className="hint">Raising a follow-up…</p>
        )
      ) : null}

      {item.answer && item.answer.text.trim().length > 0 ? null : <NoImpact meetingId={meetingId} item={item} />}

      {personas.length > 0 ? (
        <fieldset className="chair-personas" aria-describedby={`${id}-concerns`}>
          <legend>In the chair</legend>
          <p id={`${id}-concerns`} className="hint">
            Tick whom the answer concerns.
          </p>
          <ul className="chair-personas-list">
            {personas.map((persona) => (
              <li key={persona.id} className="chair-persona">
                <label className="persona-check">
                  <input
                    type="checkbox"
                    checked={concerned.value.includes(persona.id)}
                    onChange={(event) =>
                      concerned.set(
                        event.target.checked ? [...concerned.value, persona.id] : concerned.value.filter((other) => other !== persona.id),
                      )
                    }
                  />
                  <span className="persona-name" dir="auto">
                    {persona.name}
                  </span>
                </label>
                <PersonaDetails persona={persona} itemIndex={itemIndex} />
              </li>
            ))}
          </ul>
        </fieldset>
      ) : (
        <p className="muted chair-nobody">
          Nobody sits in the chair yet. <a href={meetingHref}>Choose customer personas</a> in the meeting.
        </p>
      )}
    </div>
  );
}

/** The "Find out from customers" follow-up an unknown answer raised, and who owns it. */
function FollowUpOwner({ meetingId, followUp, people }: { meetingId: string; followUp: FollowUp; people: readonly string[] }) {
  const call = useMeetingCall();
  const id = useId();
  const [owner, attachOwner] = useAutosaveText(followUp.owner, 'chair', {
    send: (value) => call('followUps.update', { meetingId, followUpId: followUp.id, changes: { owner: value } }),
    normalize: (value) => value.trim(),
  });
  return (
    <div className="followup">
      <p className="followup-text">
        <span className="followup-label">Follow-up raised:</span> <span dir="auto">{followUp.text}</span>
      </p>
      <div className="field field-inline">
        <label htmlFor={`${id}-owner`}>Follow-up owner</label>
        <LimitedInput
          ref={attachOwner}
          id={`${id}-owner`}
          dir="auto"
          list={`${id}-people`}
          limit={LIMITS.nameMax}
          autoComplete="off"
          onChange={(event) => owner.onChange(event.target.value)}
          onBlur={owner.onBlur}
          aria-invalid={owner.error ? true : undefined}
          aria-describedby={owner.error ? `${id}-owner-error` : undefined}
        />
        <datalist id={`${id}-people`}>
          {people.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      {owner.error ? (
        <p id={`${id}-owner-error`} role="alert" className="field-error">
          {describeSaveError(owner.error, 'The owner', owner.value)}
        </p>
      ) : null}
      {owner.conflict ? (
        <ConflictNotice
          label="The owner"
          theirs={owner.conflict.theirs}
          onKeepMine={() => owner.field.keepMine()}
          onUseTheirs={() => owner.field.useTheirs()}
        />
      ) : null}
    </div>
  );
}

/** "No customer impact", with the reason it needs; or the mark already made, and a way to take it back. */
function NoImpact({ meetingId, item }: { meetingId: string; item: AgendaItem }) {
  const call = useMeetingCall();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const inputRef = useRef<HTMLInputElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  const mark = (value: string | null) =>
    run(async () => {
      await call('chair.noImpact', { meetingId, itemId: item.id, reason: value });
      setOpen(false);
      setReason('');
    });

  if (item.noImpactReason) {
    return (
      <div className="no-impact-mark">
        <p>
          Marked “No customer impact”: <span dir="auto">{item.noImpactReason}</span>
        </p>
        <button type="button" className="button button-small" disabled={busy} onClick={() => void mark(null)}>
          Take back “No customer impact”
        </button>
        <ActionError message={error} />
      </div>
    );
  }

  if (!open) {
    return (
      <button
        ref={openerRef}
        type="button"
        className="button button-small button-quiet no-impact-open"
        onClick={() =>
          updateThenFocus(
            () => setOpen(true),
            () => inputRef.current,
          )
        }
      >
        Mark as no customer impact…
      </button>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length === 0) {
      setError('Give a reason: why does this item not affect the customer?');
      inputRef.current?.focus();
      return;
    }
    void mark(reason);
  };

  return (
    <form className="no-impact-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason for no customer impact</label>
        <LimitedInput
          ref={inputRef}
          id={`${id}-reason`}
          dir="auto"
          value={reason}
          limit={LIMITS.reasonMax}
          autoComplete="off"
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              updateThenFocus(
                () => setOpen(false),
                () => document.querySelector<HTMLButtonElement>('.no-impact-open'),
              );
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-reason-error` : undefined}
        />
        {error ? (
          <p id={`${id}-reason-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <div className="inline-actions">
        <button type="submit" className="button button-small" disabled={busy}>
          Mark no customer impact
        </button>
        <button type="button" className="button button-small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
