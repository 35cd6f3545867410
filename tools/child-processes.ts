import { readFileSync } from 'node:fs';

/**
 * The direct children of a single-threaded process (a postmaster's backends and helpers, a cluster
 * primary's workers), from Linux's /proc; none once it has exited or where /proc does not tell.
 */
export function childProcessIds(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
