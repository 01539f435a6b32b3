import type { MethodName } from '../../shared/api';
import { ApiError, type ApiErrorData, type Result } from '../../shared/errors';
import { parseInput } from '../../shared/validate';
import type { MeetingService } from './meetingService';

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
export function dispatch(service: MeetingService, method: unknown, input: unknown): Result<unknown> {
  try {
    const name = String(method) as MethodName;
    const params = parseInput(name, input);
    const handler = service.handlers[name] as (params: unknown) => unknown;
    return { ok: true, value: handler(params) };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}
