/** Above this share of its time spent running code, the service's event loop counts as busy. */
export const BUSY_EVENT_LOOP = 0.5;

/**
 * Attempts per second allowed over the last second's figures: any number while the event loop
 * has room (or nothing was stored); while ingest keeps it busy, `share` of the events stored, and
 * at least one, so forwarding never stops altogether.
 */
export function attemptsPerSecond(eventLoopUtilization: number, storedPerSecond: number, share: number): number {
  if (share >= 1 || storedPerSecond === 0 || eventLoopUtilization < BUSY_EVENT_LOOP) {
    return Number.POSITIVE_INFINITY;
  }
  return Math.max(1, share * storedPerSecond);
}
