/**
 * The dispatcher both APIs share (the lead's and the participants'), apart from either service so
 * that neither side imports the other: validate, run, and answer a Result, never throwing.
 */
import type { z } from 'zod';
import { ApiError, type ApiErrorData, type Result } from '../../shared/errors';
import { parseTableInput, type ApiTable } from '../../shared/validate';

/** Any thrown value as the typed error a transport sends; unexpected ones never leak internals. */
export function toErrorData(error: unknown): ApiErrorData {
  if (error instanceof ApiError) return error.toData();
  console.error('Empty Chair: unexpected error in the service:', error);
  return { code: 'internal', message: 'Something went wrong inside Empty Chair; nothing was changed. Details are in the log.' };
}

/**
 * One handler per method of a table, each taking that method's parsed params (and the caller's
 * context) and answering its declared result: the compiler checks the map covers the table exactly.
 */
export type HandlerMap<T extends ApiTable, C = void> = {
  [M in keyof T]: (params: z.output<T[M]['input']>, context: C) => NonNullable<T[M]['output']>;
};

/**
 * The one dispatcher both APIs go through (the lead's shared/api.ts and the participants'
 * shared/participantApi.ts): validate at the boundary, run the method's handler, and turn every
 * outcome into a Result. Never throws, whatever the caller sends.
 */
export function dispatchTable<T extends ApiTable, C>(
  table: T,
  handlers: HandlerMap<T, C>,
  method: unknown,
  input: unknown,
  context: C,
  run: (name: keyof T & string, call: () => unknown) => Result<unknown> = (_name, call) => ({ ok: true, value: call() }),
): Result<unknown> {
  try {
    const { name, params } = parseTableInput(table, method, input);
    // The map's key and the table's key are the same name, and params were just parsed by that
    // name's schema; TypeScript cannot correlate the two lookups, so the handler is called as such.
    const handler = handlers[name] as (params: unknown, context: C) => unknown;
    return run(name, () => handler(params, context));
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}
