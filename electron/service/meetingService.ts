import path from 'node:path';
import type { Library, Meeting, StorageStatus } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import type { NetworkAddress } from '../../shared/sharing';
import type { EventHub } from './events';
import { EvidenceArea } from './evidence/area';
import { FigureCache } from './figureCache';
import { createHandlers, type Handlers } from './handlers';
import { Kernel, type KernelOptions } from './kernel';
import { listNetworkAddresses } from './networkAddresses';
import { ParticipantHub, type SharingAdapter } from './participants';

export type { Handlers } from './handlers';

export interface ServiceOptions extends KernelOptions {
  /** The participant server (electron/server/participantServer.ts); without it `sharing.start` is refused. */
  sharing?: SharingAdapter | null;
  /** This machine's addresses (tests may fix them); os.networkInterfaces() by default. */
  networkAddresses?: () => NetworkAddress[];
}

/**
 * The one implementation of the API: the kernel (documents in memory, the commit path, events;
 * electron/service/kernel.ts), the participants of shared meetings, and the handler table, one
 * module per area (electron/service/handlers.ts). Transports call `handlers` through dispatch.
 */
export class MeetingService {
  private readonly kernel: Kernel;
  readonly events: EventHub;
  /** Participants of shared meetings (issue #5); their server calls into it. */
  readonly participants: ParticipantHub;
  readonly handlers: Handlers;
  /** Customer evidence (issue 19), stored apart from meetings. */
  readonly evidence: EvidenceArea;
  private readonly figures: FigureCache;

  constructor(options: ServiceOptions) {
    const kernel = new Kernel(options);
    this.kernel = kernel;
    this.events = kernel.events;
    this.participants = new ParticipantHub(
      {
        meeting: (id) => kernel.meeting(id),
        library: () => kernel.library(),
        mutate: (meetingId, actor, change) => kernel.mutateMeeting(meetingId, undefined, change, actor),
        publish: (event) => kernel.events.publish(event),
        subscribe: (listener) => kernel.events.subscribe(listener),
        now: kernel.now,
        newId: kernel.newId,
      },
      options.sharing ?? null,
      options.networkAddresses ?? listNetworkAddresses,
    );
    this.evidence = new EvidenceArea({
      dataDir: kernel.storage.dataDir,
      now: kernel.now,
      newId: kernel.newId,
      meeting: (id) => kernel.meeting(id),
      library: () => kernel.library(),
    });
    kernel.persistence.holdBackupsWhile(() => this.evidence.importRunning());
    this.figures = new FigureCache(path.join(kernel.storage.dataDir, 'cache'), kernel.storage.meetingsDir);
    this.handlers = createHandlers({ kernel, participants: this.participants, evidence: this.evidence, figures: this.figures });
  }

  /** Things the user should be told about the data folder (recovered or quarantined files). */
  get notices(): readonly string[] {
    return [...this.kernel.storage.notices, ...this.evidence.notices];
  }

  library(): Library {
    return this.kernel.library();
  }

  /** The whole meeting as stored (ballots included), read from its file the first time. */
  meeting(id: string): Meeting {
    return this.kernel.meeting(id);
  }

  /** Runs a write call whole, refused saves kept and reported at the end (see Persistence.collectRefusals). */
  collectRefusals<T>(work: () => T): { value: T; refused: ApiError | null } {
    return this.kernel.persistence.collectRefusals(work);
  }

  /** Writes what the disk refused before; true when nothing is left unsaved. */
  flushUnsaved(): boolean {
    return this.kernel.persistence.flush();
  }

  /**
   * After start, in the background: reads every meeting into the ledger (see Kernel.warmUp) and
   * checks the dashboard's stored figures against the meeting files (FigureCache.prepare).
   */
  warmUp(): Promise<void> {
    void this.figures.prepare(this.kernel);
    return this.kernel.warmUp();
  }

  storageStatus(): StorageStatus {
    return this.kernel.storageStatus();
  }

  /** On clean close: sharing stops, then see Persistence.close. */
  close(): { unsavedChanges: number } {
    this.participants.stopAll();
    this.evidence.close();
    const closed = this.kernel.persistence.close();
    this.figures.close(closed.unsavedChanges === 0 ? this.kernel : null);
    this.kernel.closeLedger(closed.unsavedChanges === 0);
    return closed;
  }
}
