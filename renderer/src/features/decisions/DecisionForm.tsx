import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ImpactDirection, Tag } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { LIMITS } from '../../../../shared/limits';
import { DirectionControl } from '../../app/DirectionControl';
import { errorProps, FieldError, NO_ERRORS, spreadErrors, type FormErrors } from '../../app/fieldErrors';
import { LimitedInput } from '../../app/LimitedText';
import { asApiError } from '../../app/useLibrary';
import { TagPicker } from './TagPicker';

export interface DecisionValues {
  text: string;
  owner: string;
  /** YYYY-MM-DD, or '' for none. */
  dueDate: string;
  direction: ImpactDirection;
  tagIds: string[];
  /** YYYY-MM-DD: when the chair should check back on how it turned out; '' for never. */
  reviewDate: string;
}

export const EMPTY_DECISION: DecisionValues = { text: '', owner: '', dueDate: '', direction: 'unknown', tagIds: [], reviewDate: '' };

const LABELS: Record<string, string> = {
  text: 'Decision',
  owner: 'Owner',
  dueDate: 'Due date',
  direction: 'Customer impact',
  tagIds: 'Tags',
  reviewDate: 'Check back on',
};

function decisionFieldKey(path: string[]): string | null {
  const head = path[0];
  return head && head in LABELS ? head : null;
}

function describeDecisionIssue(key: string, _path: string[], message: string): string {
  const text = message.replace(/\.$/, '');
  if (key === 'dueDate') return 'Due date must be a date.';
  if (key === 'reviewDate') return 'Check back on must be a date.';
  return /^[a-z]/.test(text) ? `${LABELS[key]} ${text}.` : `${LABELS[key]}: ${text}.`;
}

export interface DecisionFormProps {
  mode: 'add' | 'edit';
  initial: DecisionValues;
  tags: readonly Tag[];
  people: readonly string[];
  /** Saves; throws the service's error, which is shown at the fields. */
  onSubmit: (values: DecisionValues) => Promise<void>;
  onCancel: () => void;
  /** Where the service's issue paths start: 'decision' for decisions.add, 'changes' for decisions.update. */
  issuePrefix: string;
  /** The chair's direction for the item: a new decision starts from it. */
  chairDirection?: ImpactDirection | null | undefined;
}

/** Logging or editing one decision: text, owner, due date, direction, and customer-impact tags. */
export function DecisionForm({ mode, initial, tags, people, onSubmit, onCancel, issuePrefix, chairDirection }: DecisionFormProps) {
  const id = useId();
  const fromChair = mode === 'add' && chairDirection ? chairDirection : null;
  const [values, setValues] = useState(() => (fromChair ? { ...initial, direction: fromChair } : initial));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Tag[]>([]);
  const textRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusErrors = useRef(false);

  const allTags = useMemo(() => {
    const known = new Set(tags.map((tag) => tag.id));
    return [...tags, ...created.filter((tag) => !known.has(tag.id))];
  }, [tags, created]);

  useEffect(() => {
    textRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!focusErrors.current) return;
    focusErrors.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set = <K extends keyof DecisionValues>(key: K, value: DecisionValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const field = (key: string) => `${id}-${key}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (reason) {
      const error = asApiError(reason);
      focusErrors.current = true;
      setErrors(error instanceof ApiError ? spreadErrors(error, decisionFieldKey, describeDecisionIssue, [issuePrefix]) : NO_ERRORS);
      setBusy(false);
      return;
    }
    setBusy(false);
  };

  const formError = errors.form && Object.keys(errors.fields).length === 0 ? errors.form.message : null;

  return (
    <form
      ref={formRef}
      className="decision-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id={`${id}-title`} className="decision-form-title">
        {mode === 'add' ? 'New decision' : 'Edit decision'}
      </p>
      {formError ? (
        <p role="alert" className="field-error">
          Not saved: {formError}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={field('text')}>Decision</label>
        <LimitedInput
          ref={textRef}
          id={field('text')}
          dir="auto"
          value={values.text}
          limit={LIMITS.decisionTextMax}
          autoComplete="off"
          placeholder="What was decided?"
          onChange={(event) => set('text', event.target.value)}
          {...errorProps(errors, 'text', field('text'))}
        />
        <FieldError errors={errors} name="text" id={field('text')} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={field('owner')}>Owner</label>
          <LimitedInput
            id={field('owner')}
            dir="auto"
            list={field('people')}
            value={values.owner}
            limit={LIMITS.nameMax}
            autoComplete="off"
            onChange={(event) => set('owner', event.target.value)}
            {...errorProps(errors, 'owner', field('owner'))}
          />
          <datalist id={field('people')}>
            {people.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <FieldError errors={errors} name="owner" id={field('owner')} />
        </div>
        <div className="field">
          <label htmlFor={field('dueDate')}>Due date (optional)</label>
          <input
            id={field('dueDate')}
            type="date"
            value={values.dueDate}
            onChange={(event) => set('dueDate', event.target.value)}
            {...errorProps(errors, 'dueDate', field('dueDate'))}
          />
          <FieldError errors={errors} name="dueDate" id={field('dueDate')} />
        </div>
        <div className="field">
          <label htmlFor={field('reviewDate')}>Check back on (optional)</label>
          <input
            id={field('reviewDate')}
            type="date"
            value={values.reviewDate}
            title="The chair of a later meeting asks whether this turned out for the customer as expected."
            onChange={(event) => set('reviewDate', event.target.value)}
            {...errorProps(errors, 'reviewDate', field('reviewDate'))}
          />
          <FieldError errors={errors} name="reviewDate" id={field('reviewDate')} />
        </div>
      </div>
      <DirectionControl
        legend="Customer impact"
        name={field('direction')}
        value={values.direction}
        onChange={(direction) => set('direction', direction)}
        invalid={errors.fields.direction !== undefined}
        describedBy={
          [fromChair ? field('fromChair') : '', errors.fields.direction !== undefined ? `${field('direction')}-error` : '']
            .filter(Boolean)
            .join(' ') || undefined
        }
      />
      {fromChair ? (
        <p id={field('fromChair')} className="hint">
          Starts from the chair’s answer for this item.
        </p>
      ) : null}
      <FieldError errors={errors} name="direction" id={field('direction')} />
      <div className="field">
        <label htmlFor={field('tags')}>Customer-impact tags</label>
        <TagPicker
          inputId={field('tags')}
          tags={allTags}
          selected={values.tagIds}
          onChange={(tagIds) => set('tagIds', tagIds)}
          onCreated={(tag) => setCreated((current) => [...current, tag])}
          invalid={errors.fields.tagIds !== undefined}
          describedBy={errors.fields.tagIds !== undefined ? `${field('tagIds')}-error` : undefined}
        />
        <FieldError errors={errors} name="tagIds" id={field('tagIds')} />
      </div>
      <div className="inline-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {mode === 'add' ? 'Save decision' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
