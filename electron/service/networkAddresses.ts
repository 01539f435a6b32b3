/** This machine's network addresses, for sharing a meeting on one of them. */
import os from 'node:os';
import type { NetworkAddress } from '../../shared/sharing';

/** This machine's addresses a browser can reach: IPv4 and IPv6, loopback first; link-local IPv6 is left out (URLs cannot carry its zone). */
export function listNetworkAddresses(): NetworkAddress[] {
  const found: NetworkAddress[] = [];
  for (const [name, infos] of Object.entries(os.networkInterfaces())) {
    for (const info of infos ?? []) {
      const family = String(info.family) === '6' || info.family === 'IPv6' ? 'IPv6' : 'IPv4';
      if (family === 'IPv6' && /^fe[89ab]/i.test(info.address)) continue;
      found.push({ interface: name, address: info.address, family, loopback: info.internal || isLoopback(info.address) });
    }
  }
  return found.sort(
    (a, b) => Number(b.loopback) - Number(a.loopback) || a.family.localeCompare(b.family) || a.address.localeCompare(b.address),
  );
}

export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1';
}

/** "[::1]" and "::1" name the same host; compare without brackets, in lower case. */
export function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}
