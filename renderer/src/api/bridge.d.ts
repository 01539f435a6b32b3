/**
 * The client the desktop preload puts on window (electron/preload.ts). Absent in browser mode, so
 * the renderer picks its transport by checking for it.
 */
import type { Transport } from '../../../shared/api';

declare global {
  interface Window {
    emptyChair?: Transport;
  }
}

export {};
