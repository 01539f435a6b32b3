/**
 * The handler table: one module per area of the API (electron/service/areas/), merged into the
 * one object that serves every method of shared/api.ts. "Where does method X happen?" — in the
 * area whose `Pick<Handlers, …>` names it. A method missing fails to compile
 * (`satisfies Handlers`); one served by two areas fails when the service is built.
 */
import { agendaArea } from './areas/agenda';
import type { AreaContext, Handlers } from './areas/area';
import { chairArea } from './areas/chair';
import { citationsArea } from './areas/citations';
import { decisionsArea } from './areas/decisions';
import { evidenceArea } from './evidence';
import { followUpsArea } from './areas/followUps';
import { importArea } from './areas/importing';
import { insightsArea } from './areas/insights';
import { libraryArea } from './areas/library';
import { meetingsArea } from './areas/meetings';
import { runningArea } from './areas/running';
import { seriesArea } from './areas/series';
import { sharingArea } from './areas/sharing';
import { storageArea } from './areas/storage';
import { votesArea } from './areas/votes';

export type { Handlers } from './areas/area';

/** Every area, in the order of the API table; each serves a disjoint slice of it. */
export const AREAS = [
  meetingsArea,
  agendaArea,
  libraryArea,
  runningArea,
  chairArea,
  decisionsArea,
  followUpsArea,
  seriesArea,
  insightsArea,
  importArea,
  storageArea,
  sharingArea,
  votesArea,
  citationsArea,
  evidenceArea,
] as const;

/** The whole table. Missing a method fails to compile; two areas serving one fail at construction. */
export function createHandlers(context: AreaContext): Handlers {
  return mergeAreas(AREAS, context) satisfies Handlers;
}

type Area = (context: AreaContext) => object;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

function mergeAreas<A extends readonly Area[]>(areas: A, context: AreaContext): UnionToIntersection<ReturnType<A[number]>> {
  const merged: Record<string, unknown> = {};
  for (const area of areas) {
    for (const [method, handler] of Object.entries(area(context))) {
      if (Object.hasOwn(merged, method)) throw new Error(`Two areas serve the method ${method}; each method belongs to one area.`);
      merged[method] = handler;
    }
  }
  return merged as UnionToIntersection<ReturnType<A[number]>>;
}
