import type { ApiEvent, MethodInput, MethodName, MethodOutput, Transport } from '../../../shared/api';
import { ApiError, type Result } from '../../../shared/errors';

/** The typed client the UI uses: one `call` per declared method, one `subscribe` for every event. */
export interface EmptyChairClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

/**
 * When a call is tried again, with the same request id, so the service never applies it twice
 * (shared/requestIds.ts): after the transport could not reach the service (the answer may be lost,
 * not the change), and once after a refused save, which the service retries itself about a second
 * later: by then the answer may be "saved".
 */
export const RETRY_DELAYS_MS: Partial<Record<string, readonly number[]>> = { internal: [250, 1_000], storage_error: [1_100] };

export interface ClientOptions {
  /** Waits between tries; a timer by default (tests pass one that resolves at once). */
  sleep?: (ms: number) => Promise<void>;
}

/** A random id per call (122 bits), for the service's request log. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function createClient(transport: Transport, options: ClientOptions = {}): EmptyChairClient {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    async call(method, input) {
      const requestId = newRequestId();
      let result: Result<unknown> = await transport.invoke(method, input, requestId);
      for (let attempt = 0; !result.ok; attempt++) {
        const delay = RETRY_DELAYS_MS[result.error.code]?.[attempt];
        if (delay === undefined) throw ApiError.fromData(result.error);
        await sleep(delay);
        result = await transport.invoke(method, input, requestId);
      }
      return result.value as never;
    },
    subscribe: (listener) => transport.subscribe(listener),
  };
}
