/**
 * Request ids make write calls safe to retry: a client picks one per call (a random UUID) and sends
 * it again on every retry of that call; the dispatcher remembers the outcome under it for a while
 * (electron/service/requestLog.ts), so a retry after a lost answer or a refusing disk never applies
 * a change twice. Transports carry it beside the input: an `Idempotency-Key` header over HTTP, a
 * third argument over IPC.
 */
export const REQUEST_ID_HEADER = 'idempotency-key';
const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** A usable request id, or null when none (or a malformed one) was sent: the call then runs as any other. */
export function requestIdOf(value: unknown): string | null {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : null;
}
