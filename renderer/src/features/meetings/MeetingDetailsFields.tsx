import { LIMITS } from '../../../../shared/limits';
import { LimitedInput, LimitedTextarea } from '../../app/LimitedText';
import { errorProps, FieldError, type FormErrors } from '../../app/fieldErrors';
import type { MeetingForm as FormState } from './draft';

interface DetailsProps {
  /** The form's id prefix. */
  id: string;
  form: FormState;
  errors: FormErrors;
  set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
}

/** The meeting's details in its form: title, start, lead and participants, each with its error. */
export function MeetingDetailsFields({ id, form, errors, set }: DetailsProps) {
  const field = (key: string) => `${id}-${key}`;
  return (
    <section className="card" aria-labelledby={`${id}-details`}>
      <h2 id={`${id}-details`}>Details</h2>
      <div className="field">
        <label htmlFor={field('title')}>Title</label>
        <LimitedInput
          id={field('title')}
          value={form.title}
          limit={LIMITS.titleMax}
          required
          autoComplete="off"
          placeholder="e.g. Pricing page review"
          onChange={(event) => set('title', event.target.value)}
          {...errorProps(errors, 'title', field('title'))}
        />
        <FieldError errors={errors} name="title" id={field('title')} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={field('scheduledAt')}>Scheduled start</label>
          <input
            id={field('scheduledAt')}
            type="datetime-local"
            value={form.scheduledAt}
            required
            onChange={(event) => set('scheduledAt', event.target.value)}
            {...errorProps(errors, 'scheduledAt', field('scheduledAt'))}
          />
          <FieldError errors={errors} name="scheduledAt" id={field('scheduledAt')} />
        </div>
        <div className="field">
          <label htmlFor={field('lead')}>Lead</label>
          <LimitedInput
            id={field('lead')}
            value={form.lead}
            limit={LIMITS.nameMax}
            autoComplete="off"
            onChange={(event) => set('lead', event.target.value)}
            {...errorProps(errors, 'lead', field('lead'))}
          />
          <FieldError errors={errors} name="lead" id={field('lead')} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={field('participants')}>Participants</label>
        <LimitedTextarea
          id={field('participants')}
          value={form.participants}
          rows={4}
          limit={(LIMITS.nameMax + 1) * LIMITS.participantsMax}
          onChange={(event) => set('participants', event.target.value)}
          {...errorProps(errors, 'participants', field('participants'), field('participants-hint'))}
        />
        <p id={field('participants-hint')} className="hint">
          One name per line.
        </p>
        <FieldError errors={errors} name="participants" id={field('participants')} />
      </div>
    </section>
  );
}
