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

/**
 * How long after a meeting list is answered the dashboard's figures are checked (FigureCache.prepare,
 * a block of 50-150 ms at 10,000 meetings): a request the window sends meanwhile (a search, the
 * dashboard itself) goes first, instead of waiting behind it (docs/performance.md, finding 21). A
 * request answered in that time puts the check off as long again, at most FIGURES_PUT_OFF times.
 */
export const WARM_UP_AFTER_LIST_MS = 150;
export const FIGURES_PUT_OFF = 20;
/** When no window asks for a list, the warm-up starts this long after the app opened the library. */
export const WARM_UP_AT_LATEST_MS = 3_000;

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
  /** Set by warmUpInBackground until the warm-up starts (the first list answered, or the timer). */
  private warmUpArmed = false;
  /** The warm-up's pending timer (at the latest, or the figures' turn); cleared on close. */
  private warmUpTimer: NodeJS.Timeout | undefined = undefined;
  /** Answers sent so far (`answered`): the figures' check waits for a moment without any. */
  private answers = 0;

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
   * The app's warm-up (not the CLI's or a test's): after the first meeting list is answered (the
   * transports call `answered`), or WARM_UP_AT_LATEST_MS from now when no window asks.
   */
  warmUpInBackground(): void {
    this.warmUpArmed = true;
    this.warmUpTimer = setTimeout(() => this.startWarmUp(0), WARM_UP_AT_LATEST_MS).unref();
  }

  /**
   * Every transport calls this once an answer is on its way. After the first meeting list, the
   * ledger is made ready at once: its file is parsed (30-100 ms at 10,000 meetings) while the window
   * reads the list, before it can ask for a search. The dashboard's figures follow a little later.
   */
  answered(method: string): void {
    this.answers++;
    if (method === 'library.get' && this.warmUpArmed) this.startWarmUp(WARM_UP_AFTER_LIST_MS);
  }

  private startWarmUp(figuresAfterMs: number): void {
    this.warmUpArmed = false;
    clearTimeout(this.warmUpTimer);
    void this.warmUpLedger();
    this.figuresWhenQuiet(figuresAfterMs, FIGURES_PUT_OFF);
  }

  /** The figures' check once `afterMs` passed with no answer sent (the window's first requests go first). */
  private figuresWhenQuiet(afterMs: number, putOffsLeft: number): void {
    const seen = this.answers;
    this.warmUpTimer = setTimeout(() => {
      if (this.answers !== seen && putOffsLeft > 0) this.figuresWhenQuiet(WARM_UP_AFTER_LIST_MS, putOffsLeft - 1);
      else void this.prepareFigures();
    }, afterMs).unref();
  }

  /**
   * After start, in the background: reads every meeting into the ledger (see Kernel.warmUp) and
   * checks the dashboard's stored figures against the meeting files (FigureCache.prepare).
   */
  warmUp(): Promise<void> {
    void this.prepareFigures();
    return this.warmUpLedger();
  }

  /** Reads every meeting into the ledger, or its file (Kernel.warmUp); once, however often it is called. */
  warmUpLedger(): Promise<void> {
    return this.kernel.warmUp();
  }

  /** Checks the dashboard's stored figures against the meeting files (FigureCache.prepare); once. */
  prepareFigures(): Promise<void> {
    return this.figures.prepare(this.kernel);
  }

  storageStatus(): StorageStatus {
    return this.kernel.storageStatus();
  }

  /** On clean close: sharing stops, then see Persistence.close. */
  close(): { unsavedChanges: number } {
    this.warmUpArmed = false;
    clearTimeout(this.warmUpTimer);
    this.participants.stopAll();
    this.evidence.close();
    const closed = this.kernel.persistence.close();
    this.figures.close(closed.unsavedChanges === 0 ? this.kernel : null);
    this.kernel.closeLedger(closed.unsavedChanges === 0);
    return closed;
  }
}
