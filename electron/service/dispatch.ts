import { api, type MethodName } from '../../shared/api';
import { ApiError, type ApiErrorData, type Result } from '../../shared/errors';
import { requestIdOf } from '../../shared/requestIds';
import { parseInput } from '../../shared/validate';
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
 * The single entry every transport calls: validate at the boundary, run the handler, and turn
 * every outcome into a Result. Never throws, whatever the caller sends.
 */
export function dispatch(service: MeetingService, method: unknown, input: unknown, requestId?: unknown): Result<unknown> {
  try {
    const name = String(method) as MethodName;
    const params = parseInput(name, input);
    const handler = service.handlers[name] as (params: unknown) => unknown;
    if (api[name].kind === 'read') return { ok: true, value: handler(params) };
    return runWrite(service, name, () => handler(params), requestIdOf(requestId));
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
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
