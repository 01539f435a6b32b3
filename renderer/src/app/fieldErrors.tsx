import type { ApiError } from '../../../shared/errors';

/** Errors for one form: messages by field key (paths like 'title' or 'agenda.0.title') and the rest. */
export interface FormErrors {
  fields: Record<string, string>;
  form: { code: string; message: string; details: string[] } | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/**
 * Spreads an ApiError's issues over the form's fields. `fieldKey` maps an issue path (with any
 * wrapper prefix such as 'changes.' removed) to a field key, or null when no field shows it;
 * those issues are listed in the form-level alert instead.
 */
export function spreadErrors(
  error: ApiError,
  fieldKey: (path: string[]) => string | null,
  describe: (key: string, path: string[], message: string) => string,
  stripPrefix: string[] = [],
): FormErrors {
  const fields: Record<string, string> = {};
  const details: string[] = [];
  for (const issue of error.issues ?? []) {
    let path = issue.path.split('.');
    if (stripPrefix.length > 0 && stripPrefix.every((part, i) => path[i] === part)) path = path.slice(stripPrefix.length);
    const key = fieldKey(path);
    if (key === null) details.push(`${issue.path}: ${issue.message}`);
    else fields[key] ??= describe(key, path, issue.message);
  }
  return { fields, form: { code: error.code, message: error.message, details } };
}

/** Props that tie an input to its error message for assistive technology. */
export function errorProps(errors: FormErrors, key: string, id: string, describedBy?: string) {
  const hasError = errors.fields[key] !== undefined;
  const ids = [describedBy, hasError ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': hasError || undefined, 'aria-describedby': ids || undefined } as const;
}

export function FieldError({ errors, name, id }: { errors: FormErrors; name: string; id: string }) {
  const message = errors.fields[name];
  if (message === undefined) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      {message}
    </p>
  );
}

/**
 * The errors without those of the fields `fixed` picks (the user changed them): a message never stays
 * after its field is edited. With no field message left, an invalid-input alert goes too.
 */
export function withoutFixed(errors: FormErrors, fixed: (key: string) => boolean): FormErrors {
  const fields = Object.fromEntries(Object.entries(errors.fields).filter(([key]) => !fixed(key)));
  if (Object.keys(fields).length === Object.keys(errors.fields).length) return errors;
  const form =
    errors.form?.code === 'invalid_input' && Object.keys(fields).length === 0 && errors.form.details.length === 0 ? null : errors.form;
  return { fields, form };
}
