import { memo, useId, type KeyboardEvent } from 'react';
import type { AgendaItem } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import { describeSaveError, SaveStatusText, useAutosaveText } from '../../app/autosave';
import { ConflictNotice } from '../../app/ConflictNotice';
import { ItemDecisions, type DecisionContext } from '../decisions/Decisions';
import { useMeetingCall } from '../../app/meetingContext';
import { ItemTimer } from './ItemTimer';
import { Words } from '../../app/Words';

export interface ItemViewProps extends DecisionContext {
  item: AgendaItem;
  index: number;
  count: number;
  /** Show the timer: the item is the running meeting's current one. */
  current: boolean;
  logRequest: number;
}

/** One agenda item shown large: title, owner, timer, notes (saved as typed) and its decisions. */
export const ItemView = memo(function ItemView(props: ItemViewProps) {
  const { item, index, count, current, logRequest, ...decisionContext } = props;
  const id = useId();

  return (
    <section className="card item-view" aria-labelledby={`${id}-title`}>
      <p className="eyebrow item-position">
        Item {index + 1} of {count}
        {current ? <span className="item-now"> · now</span> : null}
      </p>
      <h2 id={`${id}-title`} className="item-title" tabIndex={-1} dir="auto">
        <Words text={item.title} />
      </h2>
      <p className="item-meta">
        <span>Owner: {item.owner ? <span dir="auto">{item.owner}</span> : <span className="muted">nobody</span>}</span>
        <span>Timebox {item.timeboxMinutes} min</span>
        {current && item.startedAt ? <ItemTimer startedAt={item.startedAt} timeboxMinutes={item.timeboxMinutes} /> : null}
      </p>
      <NotesField key={item.id} meetingId={decisionContext.meetingId} item={item} />
      <ItemDecisions {...decisionContext} item={item} logRequest={logRequest} />
    </section>
  );
});

function NotesField({ meetingId, item }: { meetingId: string; item: AgendaItem }) {
  const call = useMeetingCall();
  const id = useId();
  const [notes, attachNotes] = useAutosaveText(item.notes, 'notes', {
    send: (value) => call('agenda.update', { meetingId, itemId: item.id, changes: { notes: value } }),
  });
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.currentTarget.blur();
    }
  };
  return (
    <div className="field notes-field">
      <div className="label-row">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <SaveStatusText group="notes" />
      </div>
      <textarea
        ref={attachNotes}
        id={`${id}-notes`}
        dir="auto"
        rows={4}
        maxLength={LIMITS.notesMax}
        placeholder="What is said about this item"
        onChange={(event) => notes.onChange(event.target.value)}
        onBlur={notes.onBlur}
        onKeyDown={onKeyDown}
        aria-invalid={notes.error ? true : undefined}
        aria-describedby={notes.error ? `${id}-notes-error` : undefined}
      />
      {notes.error ? (
        <p id={`${id}-notes-error`} role="alert" className="field-error">
          {describeSaveError(notes.error, 'The notes', notes.value)}
        </p>
      ) : null}
      {notes.conflict ? (
        <ConflictNotice
          label="The notes"
          theirs={notes.conflict.theirs}
          onKeepMine={() => notes.field.keepMine()}
          onUseTheirs={() => notes.field.useTheirs()}
        />
      ) : null}
    </div>
  );
}
