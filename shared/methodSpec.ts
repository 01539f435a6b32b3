/** How one API method is declared: input schema, result type, read or write. shared/api.ts re-exports these. */
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** 'write' methods change data; 'read' methods never do. */
  kind: 'read' | 'write';
  /** Phantom field carrying the result type; never set at run time. */
  readonly output?: O;
}
export const read = <I extends z.ZodType>(input: I) => ({ returns: <O>(): MethodSpec<I, O> => ({ input, kind: 'read' }) });
export const write = <I extends z.ZodType>(input: I) => ({ returns: <O>(): MethodSpec<I, O> => ({ input, kind: 'write' }) });
