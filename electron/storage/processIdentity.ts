import fs from 'node:fs';

/**
 * What tells a process apart from a later one the system gave the same pid: its start time (clock
 * ticks after boot) and the boot it runs in. Linux gives both in /proc. Elsewhere both are left
 * out, and a lock whose pid is alive is taken as held (the lock then names its file and what to
 * do): a wrong "it is gone" would let two processes write one folder, a wrong "it is alive" only
 * asks the user to look.
 */
export interface ProcessIdentity {
  processStart?: string;
  bootId?: string;
}

export function processIdentity(pid: number): ProcessIdentity {
  if (process.platform !== 'linux') return {};
  const identity: ProcessIdentity = {};
  const bootId = readTrimmed('/proc/sys/kernel/random/boot_id');
  if (bootId) identity.bootId = bootId;
  const stat = readTrimmed(`/proc/${pid}/stat`);
  if (stat) {
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from its end.
    // starttime is field 22; the fields after comm start at field 3.
    const starttime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
    if (starttime && /^\d+$/.test(starttime)) identity.processStart = starttime;
  }
  return identity;
}

function readTrimmed(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}
