/**
 * The message of a failed action (useAction's `error`, or a message set before running), read out
 * when it appears; nothing when there is none. `id` ties it to the control it is about.
 */
export function ActionError({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="field-error">
      {message}
    </p>
  );
}
