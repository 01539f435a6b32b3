/**
 * The Electron IPC transport of the API: one invoke channel that loops over the contract through
 * `dispatch`, and one event channel that forwards service events. Typed structurally (no runtime
 * 'electron' import) so tests drive it with a thin stand-in for ipcMain.
 */
import type { ApiEvent } from '../shared/api';
import type { Result } from '../shared/errors';
import { namesAPath, PATH_FROM_WINDOW_MESSAGE } from '../shared/evidence/picking';
import { dispatch } from './service/dispatch';
import type { MeetingService } from './service/meetingService';
import type { FrameLike } from './security';

/** The preload repeats these two strings (it may import nothing but 'electron'); a unit test keeps them equal. */
export const INVOKE_CHANNEL = 'empty-chair:invoke';
export const EVENT_CHANNEL = 'empty-chair:event';

/** What the adapter needs of an invoke event: Electron's IpcMainInvokeEvent fits. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

/** What the adapter needs of ipcMain. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** What the adapter needs of a WebContents to push events to it. */
export interface WebContentsLike {
  isDestroyed(): boolean;
  readonly mainFrame: FrameLike;
  send(channel: string, ...args: unknown[]): void;
}

export type TrustCheck = (frame: FrameLike | null | undefined) => boolean;

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Only the Empty Chair window itself may use its data.' },
};

function describeFrame(frame: FrameLike | null | undefined): string {
  try {
    return frame ? String(frame.url).slice(0, 200) : '(no frame)';
  } catch {
    return '(destroyed frame)';
  }
}

/**
 * Registers the API on ipcMain. Every call returns a Result, never a rejection: untrusted senders
 * get 'forbidden' before their input is even looked at. Events go to every trusted webContents
 * returned by `targets`. Returns a function that removes the handler and stops forwarding.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  service: MeetingService,
  isTrustedSender: TrustCheck,
  targets: () => Iterable<WebContentsLike> = () => [],
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method, input, requestId): Result<unknown> => {
    let trusted = false;
    try {
      trusted = isTrustedSender(event?.senderFrame);
    } catch {
      trusted = false;
    }
    if (!trusted) {
      console.warn(`Empty Chair: refused an API call from ${describeFrame(event?.senderFrame)}.`);
      return FORBIDDEN;
    }
    // The window imports only files the user picked in the main process's dialog (electron/evidenceDialog.ts).
    if (namesAPath(method, input)) return { ok: false, error: { code: 'forbidden', message: PATH_FROM_WINDOW_MESSAGE } };
    const result = dispatch(service, method, input, requestId);
    service.answered(String(method)); // sent once this returns; the warm-up waits for it
    return result;
  });

  const unsubscribe = service.events.subscribe((apiEvent: ApiEvent) => {
    for (const contents of targets()) {
      try {
        if (!contents.isDestroyed() && isTrustedSender(contents.mainFrame)) contents.send(EVENT_CHANNEL, apiEvent);
      } catch (error) {
        // A window closing mid-send must not stop the others from hearing about the change.
        console.warn('Empty Chair: could not forward an event to a window:', error);
      }
    }
  });

  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
