/** Above this share of its time spent running code, the service's event loop counts as busy. */
export const BUSY_EVENT_LOOP = 0.5;
/**
 * Above this share of the machine's CPU time in use, the machine counts as busy: the event loop
 * alone misses a machine whose other cores are taken by the database ingest keeps busy.
 */
export const BUSY_MACHINE = 0.85;

export interface Load {
  /** Share of the last measurement window the event loop spent running code. */
  eventLoop: number;
  /** Share of the machine's CPU time in use over that window, all cores together. */
  machine: number;
  /** Events stored over that window, per second. */
  storedPerSecond: number;
}

/**
 * Attempts per second allowed after a measurement window: any number while the service and
 * the machine have room (or nothing was stored); while ingest keeps them busy, `share` of the
 * events stored, and at least one, so forwarding never stops altogether.
 */
export function attemptsPerSecond({ eventLoop, machine, storedPerSecond }: Load, share: number): number {
  const busy = eventLoop >= BUSY_EVENT_LOOP || machine >= BUSY_MACHINE;
  if (share >= 1 || storedPerSecond === 0 || !busy) {
    return Number.POSITIVE_INFINITY;
  }
  return Math.max(1, share * storedPerSecond);
}

/** CPU times as `os.cpus()` gives them, summed over every core. */
export interface CpuTimes {
  idle: number;
  total: number;
}

/** The share of CPU time in use between two readings. */
export function machineBusy(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  return total > 0 ? 1 - (after.idle - before.idle) / total : 0;
}
