/**
 * The delay before the next attempt once `attemptsMade` attempts have failed, or undefined when
 * the schedule is used up and the delivery has failed. `delays[0]` is the delay of the first
 * attempt itself (at once by default), so the next delay after n failures is `delays[n]`.
 */
export function nextAttemptDelay(attemptsMade: number, delays: readonly number[]): number | undefined {
  return attemptsMade < delays.length ? delays[attemptsMade] : undefined;
}

/** Whether a destination failing since `failingSince` has failed long enough to be disabled. */
export function failedTooLong(failingSince: Date, now: Date, window: number): boolean {
  return now.getTime() - failingSince.getTime() >= window;
}
