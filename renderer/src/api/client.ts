import type { ApiEvent, MethodInput, MethodName, MethodOutput, Transport } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';

/** The typed client the UI uses: one `call` per declared method, one `subscribe` for every event. */
export interface EmptyChairClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

export function createClient(transport: Transport): EmptyChairClient {
  return {
    async call(method, input) {
      const result = await transport.invoke(method, input);
      if (!result.ok) throw ApiError.fromData(result.error);
      return result.value as never;
    },
    subscribe: (listener) => transport.subscribe(listener),
  };
}
