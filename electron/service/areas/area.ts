/** The types every area module shares: the whole handler table, and what a handler works with. */
import type { MethodName, MethodOutput, MethodParams } from '../../../shared/api';
import type { EvidenceArea } from '../evidence/area';
import type { FigureCache } from '../figureCache';
import type { Kernel } from '../kernel';
import type { ParticipantHub } from '../participants';

/** One implementation per method of shared/api.ts; each area serves a slice (`Pick<Handlers, …>`). */
export type Handlers = { [M in MethodName]: (params: MethodParams<M>) => MethodOutput<M> };

export interface AreaContext {
  /** Documents in memory and the commit path (electron/service/kernel.ts). */
  kernel: Kernel;
  /** Participants of shared meetings (electron/service/participants.ts). */
  participants: ParticipantHub;
  /** Customer evidence, stored apart from meetings (electron/service/evidence/). */
  evidence: EvidenceArea;
  /** Each meeting's dashboard figures, kept in a file across sessions (electron/service/figureCache.ts). */
  figures: FigureCache;
}
