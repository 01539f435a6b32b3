import { api, type MethodName } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { requestIdOf } from '../../shared/requestIds';
import type { MeetingService } from './meetingService';
import { dispatchTable } from './dispatchTable';
import { RequestLog } from './requestLog';

export { dispatchTable, toErrorData, type HandlerMap } from './dispatchTable';

const requestLogs = new WeakMap<MeetingService, RequestLog>();

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
