import { useEffect, useId, useRef } from 'react';
import { LIMITS } from '../../../../shared/limits';
import { FieldError, type FormErrors } from '../../app/fieldErrors';
import { describedWithLimit, LimitNote, useTextLimit, type LimitState } from '../../app/LimitedText';
import { emptyRow, type AgendaRow } from './draft';

type FocusTarget = { key: string; part: 'title' | 'up' | 'down' } | { key: 'add'; part: 'add' };

export interface AgendaEditorProps {
  rows: AgendaRow[];
  onChange: (rows: AgendaRow[], structural: boolean) => void;
  errors: FormErrors;
}

/**
 * The agenda rows. Column headings are shown once; each input carries its full name
 * ("Item 2 owner") so it is unambiguous to assistive technology and in tests.
 * Adding, removing and moving keep keyboard focus on the item the user is working with.
 */
export function AgendaEditor({ rows, onChange, errors }: AgendaEditorProps) {
  const id = useId();
  // Where focus goes after the next render (set by add/remove/move, consumed once).
  const focusTarget = useRef<FocusTarget | null>(null);
  const setFocusTarget = (target: FocusTarget) => {
    focusTarget.current = target;
  };

  useEffect(() => {
    const target = focusTarget.current;
    if (!target) return;
    focusTarget.current = null;
    const element = document.getElementById(`${id}-${target.key}-${target.part}`);
    if (element instanceof HTMLButtonElement && element.disabled) {
      // At the top or bottom the button just used is disabled: stay on the item with the other one.
      const other = target.part === 'up' ? 'down' : 'up';
      document.getElementById(`${id}-${target.key}-${other}`)?.focus();
    } else {
      element?.focus();
    }
  });

  const update = (key: string, changes: Partial<AgendaRow>) =>
    onChange(
      rows.map((row) => (row.key === key ? { ...row, ...changes } : row)),
      false,
    );

  const add = () => {
    const row = emptyRow();
    onChange([...rows, row], true);
    setFocusTarget({ key: row.key, part: 'title' });
  };

  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    onChange(next, true);
    const neighbour = next[index] ?? next[index - 1];
    setFocusTarget(neighbour ? { key: neighbour.key, part: 'title' } : { key: 'add', part: 'add' });
  };

  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= rows.length) return;
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(target, 0, row!);
    onChange(next, true);
    setFocusTarget({ key: row!.key, part: by < 0 ? 'up' : 'down' });
  };

  const full = rows.length >= LIMITS.agendaItemsMax;

  return (
    <div className="agenda-editor">
      {rows.length === 0 ? (
        <p className="muted">No agenda items yet. At each item the chair will ask how it affects the customer.</p>
      ) : (
        <>
          <div className="agenda-columns" aria-hidden="true">
            <span>#</span>
            <span>Title</span>
            <span>Owner</span>
            <span>Minutes</span>
            <span />
          </div>
          <div className="agenda-rows">
            {rows.map((row, index) => (
              <AgendaRowFields
                key={row.key}
                id={id}
                row={row}
                index={index}
                count={rows.length}
                errors={errors}
                update={update}
                move={move}
                remove={remove}
              />
            ))}
          </div>
        </>
      )}
      <FieldError errors={errors} name="agenda" id={`${id}-agenda`} />
      <button id={`${id}-add-add`} type="button" className="button" onClick={add} disabled={full}>
        Add agenda item
      </button>
      {full ? <p className="hint">A meeting holds at most {LIMITS.agendaItemsMax} agenda items.</p> : null}
    </div>
  );
}

interface AgendaRowProps {
  /** The editor's id prefix: ids are `${id}-${row.key}-${part}` (focus moves by them). */
  id: string;
  row: AgendaRow;
  index: number;
  count: number;
  errors: FormErrors;
  update: (key: string, changes: Partial<AgendaRow>) => void;
  move: (index: number, by: -1 | 1) => void;
  remove: (index: number) => void;
}

/** One agenda row: title, owner, timebox, Up/Down/Remove, notes, and the row's errors. */
function AgendaRowFields({ id, row, index, count, errors, update, move, remove }: AgendaRowProps) {
  const n = index + 1;
  const base = `${id}-${row.key}`;
  const err = (field: string) => errors.fields[`agenda.${index}.${field}`];
  const { attach: attachTitle, ...titleLimit } = useTextLimit(LIMITS.titleMax, row.title);
  const { attach: attachOwner, ...ownerLimit } = useTextLimit(LIMITS.nameMax, row.owner);
  const { attach: attachNotes, ...notesLimit } = useTextLimit(LIMITS.notesMax, row.notes);
  const limits: Record<string, LimitState> = { title: titleLimit, owner: ownerLimit, notes: notesLimit };
  const invalid = (field: string) => {
    const limit = limits[field];
    const error = err(field) !== undefined ? `${base}-${field}-error` : undefined;
    const describedBy = limit ? describedWithLimit(limit, error) : error;
    return { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  };
  return (
    <div className="agenda-row" role="group" aria-label={`Item ${n}`}>
      <span className="agenda-number" aria-hidden="true">
        {n}
      </span>
      <input
        id={`${base}-title`}
        className="agenda-title"
        aria-label={`Item ${n} title`}
        value={row.title}
        ref={attachTitle}
        placeholder="What is this item about?"
        autoComplete="off"
        onChange={(event) => update(row.key, { title: event.target.value })}
        {...invalid('title')}
      />
      <input
        id={`${base}-owner`}
        className="agenda-owner"
        aria-label={`Item ${n} owner`}
        value={row.owner}
        ref={attachOwner}
        placeholder="Owner"
        autoComplete="off"
        onChange={(event) => update(row.key, { owner: event.target.value })}
        {...invalid('owner')}
      />
      <input
        id={`${base}-timeboxMinutes`}
        className="agenda-timebox"
        aria-label={`Item ${n} timebox (minutes)`}
        type="number"
        inputMode="numeric"
        min={LIMITS.timeboxMinutesMin}
        max={LIMITS.timeboxMinutesMax}
        step={1}
        value={row.timebox}
        onChange={(event) => update(row.key, { timebox: event.target.value })}
        {...invalid('timeboxMinutes')}
      />
      <div className="agenda-actions">
        <button
          id={`${base}-up`}
          type="button"
          className="button button-small"
          aria-label={`Move item ${n} up`}
          title={`Move item ${n} up`}
          disabled={index === 0}
          onClick={() => move(index, -1)}
        >
          Up
        </button>
        <button
          id={`${base}-down`}
          type="button"
          className="button button-small"
          aria-label={`Move item ${n} down`}
          title={`Move item ${n} down`}
          disabled={index === count - 1}
          onClick={() => move(index, 1)}
        >
          Down
        </button>
        <button
          type="button"
          className="button button-small button-quiet-danger"
          aria-label={`Remove item ${n}`}
          title={`Remove item ${n}`}
          onClick={() => remove(index)}
        >
          Remove
        </button>
      </div>
      <textarea
        id={`${base}-notes`}
        className="agenda-notes"
        aria-label={`Item ${n} notes`}
        value={row.notes}
        rows={1}
        ref={attachNotes}
        placeholder="Notes (optional)"
        onChange={(event) => update(row.key, { notes: event.target.value })}
        {...invalid('notes')}
      />
      <LimitNote limit={titleLimit} label={`Item ${n} title`} />
      <LimitNote limit={ownerLimit} label={`Item ${n} owner`} />
      <LimitNote limit={notesLimit} label={`Item ${n} notes`} />
      {['title', 'owner', 'timeboxMinutes', 'notes'].map((field) => (
        <FieldError key={field} errors={errors} name={`agenda.${index}.${field}`} id={`${base}-${field}`} />
      ))}
    </div>
  );
}
