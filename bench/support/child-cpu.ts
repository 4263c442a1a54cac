/**
 * CPU time of the processes a benchmark runs its Worker in (workerd), read
 * from Linux's /proc. On a machine other processes share, a call's wall
 * time grows with their load; the CPU time it costs much less so.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's `utime` and `stime` (`getconf CLK_TCK`; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU time (ms) used so far by this process's children named
 * `name`, threads included — `undefined` where there is no /proc. 10 ms
 * resolution: read it around calls that take much longer.
 *
 * @example
 * const before = childCpuMs();
 * await worker.call(object, 'run');
 * const cpuMs = childCpuMs()! - before!;
 */
export function childCpuMs(name = 'workerd'): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid … utime stime …": the name may hold spaces, so fields are counted after its ")".
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (comm !== name || Number(fields[1]) !== process.pid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
