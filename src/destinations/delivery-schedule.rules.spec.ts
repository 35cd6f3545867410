import { failedTooLong, nextAttemptDelay } from './delivery-schedule.rules';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const RETRY_DELAYS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

describe(nextAttemptDelay.name, () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after the first to seventh failure', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((made) => nextAttemptDelay(made, RETRY_DELAYS))).toEqual(RETRY_DELAYS);
  });

  it('gives up after the last retry: eight attempts in all', () => {
    expect(nextAttemptDelay(8, RETRY_DELAYS)).toBeUndefined();
    expect(nextAttemptDelay(11, RETRY_DELAYS)).toBeUndefined();
  });
});

describe(failedTooLong.name, () => {
  const since = new Date('2026-01-01T00:00:00Z');

  it('is false inside the window and true from its end', () => {
    expect(failedTooLong(since, new Date(since.getTime() + 5 * 24 * HOUR - 1), 5 * 24 * HOUR)).toBe(false);
    expect(failedTooLong(since, new Date(since.getTime() + 5 * 24 * HOUR), 5 * 24 * HOUR)).toBe(true);
  });
});
