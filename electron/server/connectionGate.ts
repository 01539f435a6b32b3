/**
 * Who may hold a connection to the participant server (issue 16 §2). A connection is "unproven"
 * until it shows the share's token (a request's Authorization header, a socket's auth frame); then
 * it is "proven". Unproven connections are capped per address and in total, and past either cap the
 * OLDEST unproven one goes, never the newcomer: a page's connection proves itself within
 * milliseconds of opening, so whoever sits unproven longest is the likeliest to be hostile, and a
 * flood of idle half-sent requests only churns its own connections. Proven connections have their
 * own, larger cap, so strangers without the token can never starve participants who hold it.
 */
import type { Socket } from 'node:net';

export interface GateLimits {
  /** Unproven connections from one address (a browser opens about six for a page, plus its socket). */
  unprovenPerAddress: number;
  /** Unproven connections from everyone together. */
  unprovenTotal: number;
  /** Connections that showed the token (participants' pages, sockets and keep-alive calls). */
  provenTotal: number;
}

export const DEFAULT_GATE_LIMITS: GateLimits = { unprovenPerAddress: 16, unprovenTotal: 128, provenTotal: 512 };

/** "::ffff:10.0.0.2" and "10.0.0.2" are one address. */
export function normalAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();
}

export class ConnectionGate {
  /** Unproven sockets by age (a Map keeps insertion order), each with its address. */
  private readonly unproven = new Map<Socket, string>();
  private readonly unprovenBy = new Map<string, number>();
  private readonly proven = new Set<Socket>();
  /** Connections ended by a cap so far (a figure for tests and the log). */
  evicted = 0;

  constructor(private readonly limits: GateLimits = DEFAULT_GATE_LIMITS) {}

  /** A new TCP connection: it starts unproven, making room by ending the oldest unproven ones. */
  admit(socket: Socket): void {
    const address = normalAddress(socket.remoteAddress);
    if ((this.unprovenBy.get(address) ?? 0) >= this.limits.unprovenPerAddress) this.evictOldest(address);
    if (this.unproven.size >= this.limits.unprovenTotal) this.evictOldest(null);
    this.unproven.set(socket, address);
    this.unprovenBy.set(address, (this.unprovenBy.get(address) ?? 0) + 1);
    socket.once('close', () => {
      this.proven.delete(socket);
      this.drop(socket);
    });
  }

  /**
   * The connection showed the token. False when the proven cap is full (the caller refuses with 503);
   * a connection proven once stays proven.
   */
  prove(socket: Socket): boolean {
    if (this.proven.has(socket)) return true;
    if (this.proven.size >= this.limits.provenTotal) return false;
    this.drop(socket);
    this.proven.add(socket);
    return true;
  }

  isProven(socket: Socket): boolean {
    return this.proven.has(socket);
  }

  counts(): { unproven: number; proven: number } {
    return { unproven: this.unproven.size, proven: this.proven.size };
  }

  private drop(socket: Socket): void {
    const address = this.unproven.get(socket);
    if (address === undefined) return;
    this.unproven.delete(socket);
    const left = (this.unprovenBy.get(address) ?? 1) - 1;
    if (left > 0) this.unprovenBy.set(address, left);
    else this.unprovenBy.delete(address);
  }

  /** Ends the oldest unproven connection (of `address`, or of anyone). */
  private evictOldest(address: string | null): void {
    for (const [socket, from] of this.unproven) {
      if (address !== null && from !== address) continue;
      this.drop(socket);
      this.evicted++;
      socket.destroy();
      return;
    }
  }
}
