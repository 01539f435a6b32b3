/** Area "customer evidence" (issue 19): its handlers, as electron/service/handlers.ts merges them. */
import type { AreaContext, Handlers } from '../areas/area';
import type { EvidenceMethodName } from './area';

export { EvidenceArea, type EvidenceHandlers } from './area';

export function evidenceArea({ evidence }: AreaContext) {
  return evidence.handlers satisfies Pick<Handlers, EvidenceMethodName>;
}
