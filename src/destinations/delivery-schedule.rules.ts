/**
 * The delay before the next attempt once `attemptsMade` attempts have failed, or undefined when
 * every retry is used up and the delivery has failed. The first attempt is made at once; the
 * retry after the n-th failed attempt waits `retryDelays[n - 1]`.
 */
export function nextAttemptDelay(attemptsMade: number, retryDelays: readonly number[]): number | undefined {
  return attemptsMade >= 1 && attemptsMade <= retryDelays.length ? retryDelays[attemptsMade - 1] : undefined;
}

/** Whether a destination failing since `failingSince` has failed long enough to be disabled. */
export function failedTooLong(failingSince: Date, now: Date, window: number): boolean {
  return now.getTime() - failingSince.getTime() >= window;
}
