/**
 * The service's sharing adapter (electron/service/participants.ts SharingAdapter): one participant
 * server (electron/server/participantServer.ts) per shared meeting, and the join link's QR code.
 */
import QRCode from 'qrcode';
import type { SharingAdapter } from '../service/participants';
import { startParticipantServer, type ParticipantServerTuning, type RunningParticipantServer } from './participantServer';

/** The join link as a QR code, an SVG document the renderer shows as an image. */
export function joinQrSvg(joinUrl: string): Promise<string> {
  return QRCode.toString(joinUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The service's sharing adapter: one participant server per shared meeting. */
export function createParticipantSharing(options: ParticipantServerTuning = {}): SharingAdapter & {
  /** Resolves once every server stopped so far has closed its port (tests, clean exits). */
  settled(): Promise<void>;
  /** Test hook: cuts a participant's sockets (or everyone's) on every running server; see RunningParticipantServer. */
  dropSockets(participantId?: string): number;
} {
  const running = new Map<string, { stopped: boolean; server?: RunningParticipantServer }>();
  const closing = new Set<Promise<void>>();
  const track = (promise: Promise<void>) => {
    closing.add(promise);
    void promise.finally(() => closing.delete(promise));
  };
  return {
    async start(start) {
      const entry: { stopped: boolean; server?: RunningParticipantServer } = { stopped: false };
      running.set(start.shareId, entry);
      const server = await startParticipantServer({ ...start, ...options });
      if (entry.stopped) {
        track(server.close('Sharing stopped.'));
        throw new Error('sharing was stopped while starting');
      }
      entry.server = server;
      return { port: server.port, joinUrl: server.joinUrl, qrSvg: await joinQrSvg(server.joinUrl) };
    },
    stop(shareId) {
      const entry = running.get(shareId);
      if (!entry) return;
      running.delete(shareId);
      entry.stopped = true;
      if (entry.server) track(entry.server.close('Sharing stopped.'));
    },
    async settled() {
      await Promise.all([...closing]);
    },
    disconnect(shareId, participantId) {
      running.get(shareId)?.server?.disconnect(participantId);
    },
    dropSockets(participantId) {
      let dropped = 0;
      for (const entry of running.values()) dropped += entry.server?.dropSockets(participantId) ?? 0;
      return dropped;
    },
  };
}
