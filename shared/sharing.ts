/**
 * Sharing a running meeting with participants (issue #5): what the lead sees of it. The participant
 * server itself is electron/server/participantServer.ts; the participants' own API is in
 * shared/participantApi.ts. No zod here, so the renderer can import it freely.
 */

/** One address of this machine the lead may share on; loopback ones come first. */
export interface NetworkAddress {
  /** The interface's name, e.g. "lo" or "eth0". */
  interface: string;
  /** An IP literal: "127.0.0.1", "::1", "192.168.1.20", … (IPv6 link-local ones carry their "%zone"). */
  address: string;
  family: 'IPv4' | 'IPv6';
  /** True for 127.0.0.0/8 and ::1: only this computer can reach it. */
  loopback: boolean;
}

/** 'starting' while the server binds (it is quick, but asynchronous); 'sharing.changed' says when it is 'on'. */
export type SharingState = 'off' | 'starting' | 'on';

/** A participant as the lead sees them: a unique display name and whether they are connected now. */
export interface ParticipantPresence {
  id: string;
  /** Unique within the meeting: a second "Ana" becomes "Ana (2)". Their tags and answers carry it. */
  name: string;
  /** True while at least one of their event sockets is open. */
  connected: boolean;
  joinedAt: string;
  lastSeenAt: string;
}

/** A participant the lead removed: the link does not let them in again from where they joined until the lead allows it. */
export interface RemovedParticipant {
  id: string;
  name: string;
  removedAt: string;
}

export interface SharingStatus {
  meetingId: string;
  state: SharingState;
  /** The address the participant server listens on (an IP literal), null when off. */
  host: string | null;
  port: number | null;
  /**
   * The link participants open, null until 'on'. The per-meeting token travels in its fragment
   * (`#join=<token>`), which a browser never sends; the page then sends it only in the
   * Authorization header and the event socket's first frame, so it is never in a request line,
   * a Referer or a log.
   */
  joinUrl: string | null;
  /** The join link as a QR code: a standalone SVG document (the renderer shows it as an image). */
  qrSvg: string | null;
  startedAt: string | null;
  participants: ParticipantPresence[];
  /** Removed participants still shut out of this share (`sharing.allow` lets one back in). */
  removed: RemovedParticipant[];
  /** Why the last start failed (address in use, not available), or null. */
  error: string | null;
}

/** The fragment key of the join link: `http://host:port/#join=<token>`. */
export const JOIN_FRAGMENT_KEY = 'join';
/** The participant API: POST `${PARTICIPANT_API_PREFIX}<method>` with a JSON body. */
export const PARTICIPANT_API_PREFIX = '/p/api/';
/**
 * The participant event WebSocket, opened with no query string. Its first frame must be
 * `{"auth":{"token":<token>,"session":<sessionKey, omitted before joining>}}` within 3 s; a missing,
 * late or wrong one closes the socket with 4401. See PARTICIPANT_CLOSE_CODES.
 */
export const PARTICIPANT_EVENTS_PATH = '/p/events';
/** Why the server closed a participant's socket (besides the usual 1006, a cut connection). */
export const PARTICIPANT_CLOSE_CODES = {
  /** Sharing has ended: the session is gone. */
  sharingEnded: 4000,
  /** Auth frame missing, late or wrong, token dead or session unknown: join again (or sharing ended). */
  unauthorized: 4401,
  /** Too many messages on the socket, or a participant's oldest socket past the per-participant cap. */
  policy: 1008,
  /** A frame over 64 KB. */
  tooBig: 1009,
} as const;
/** The header that names the participant on every HTTP call after joining. */
export const PARTICIPANT_SESSION_HEADER = 'x-empty-chair-session';
