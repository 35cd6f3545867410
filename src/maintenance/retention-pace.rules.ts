/**
 * The share of the time the retention deletes may keep the database busy, unless
 * RETENTION_BUSY_PERCENT says otherwise. At 10 million events on 2 cores, a half share raised
 * ingest p99 tenfold while the pass ran; the rest of the time is ingest's.
 */
export const BUSY_SHARE = 0.25;
/** A pause even after a batch that took no time: the next one never follows at once. */
export const MIN_PAUSE_MS = 20;

/** How long to wait after a batch that took `batchMs`, so the deletes stay at BUSY_SHARE of the time. */
export function pauseAfterBatch(batchMs: number, busyShare = BUSY_SHARE): number {
  return Math.max(MIN_PAUSE_MS, Math.round((Math.max(0, batchMs) * (1 - busyShare)) / busyShare));
}
