import type * as BuildersModule from './builders';

export type Builders = typeof BuildersModule;

/** The export code, loaded on first use: a separate chunk, out of the initial bundle. */
export function loadBuilders(): Promise<Builders> {
  return import('./builders');
}
