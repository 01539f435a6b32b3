import { forwardRef } from 'react';
import type { FormErrors } from './fieldErrors';

const HEADINGS: Record<string, string> = {
  invalid_input: 'Please correct the following:',
  conflict: 'It was changed elsewhere.',
  not_found: 'It no longer exists.',
  limit_exceeded: 'A limit was reached.',
  unauthorized: 'Empty Chair did not accept this page’s link.',
  storage_error: 'Saving to disk failed.',
};

/**
 * The form-level error: a focusable alert. For invalid input it summarises the field messages
 * (each is also shown at its field); otherwise the service's message. No raw error codes.
 */
export const FormAlert = forwardRef<HTMLDivElement, { errors: FormErrors; action: string }>(function FormAlert({ errors, action }, ref) {
  const form = errors.form;
  const items = form ? [...Object.values(errors.fields), ...form.details] : [];
  const summarise = form?.code === 'invalid_input' && items.length > 0;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className={form ? 'form-alert' : 'form-alert-empty'}>
      {form ? (
        <>
          <p className="form-alert-title">
            {action} {HEADINGS[form.code] ?? 'Something went wrong.'}
          </p>
          {summarise ? (
            <ul>
              {items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          ) : (
            <p>{form.message}</p>
          )}
        </>
      ) : null}
    </div>
  );
});
