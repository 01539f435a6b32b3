import type { z } from 'zod';
import { api, type MethodName } from '../../shared/api';
import { ApiError, type ApiErrorData, type Result } from '../../shared/errors';
import { requestIdOf } from '../../shared/requestIds';
import { parseTableInput, type ApiTable } from '../../shared/validate';
import type { MeetingService } from './meetingService';
import { RequestLog } from './requestLog';

const requestLogs = new WeakMap<MeetingService, RequestLog>();

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

/**
 * The lead's API, as every lead transport (IPC, browser mode's HTTP, the CLI) calls it; a write runs
 * through `runWrite` (refusals kept, request ids replayed).
 */
export function dispatch(service: MeetingService, method: unknown, input: unknown, requestId?: unknown): Result<unknown> {
  return dispatchTable(api, service.handlers, method, input, undefined, (name, call) =>
    api[name].kind === 'read' ? { ok: true, value: call() } : runWrite(service, name, call, requestIdOf(requestId)),
  );
}

/**
 * A write runs whole even when the disk refuses a save on the way (the change is kept and written
 * later; the answer is that storage_error). With a request id, a retry of it gets the first answer
 * instead of running again: an add is never made twice.
 */
function runWrite(service: MeetingService, method: MethodName, run: () => unknown, requestId: string | null): Result<unknown> {
  let log = requestLogs.get(service);
  if (!log) requestLogs.set(service, (log = new RequestLog()));
  const replayed = requestId === null ? undefined : log.replay(requestId, method, () => service.storageStatus().unsavedChanges > 0);
  if (replayed) return replayed;
  const { value, refused } = service.collectRefusals(run);
  if (requestId !== null) log.remember(requestId, method, value, refused);
  return refused ? { ok: false, error: refused.toData() } : { ok: true, value };
}
