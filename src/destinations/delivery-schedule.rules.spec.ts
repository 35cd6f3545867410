import { failedTooLong, nextAttemptDelay } from './delivery-schedule.rules';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const SCHEDULE = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

describe(nextAttemptDelay.name, () => {
  it('follows the schedule after each failure', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((made) => nextAttemptDelay(made, SCHEDULE))).toEqual(SCHEDULE.slice(1));
  });

  it('gives up once every attempt of the schedule was made', () => {
    expect(nextAttemptDelay(SCHEDULE.length, SCHEDULE)).toBeUndefined();
    expect(nextAttemptDelay(SCHEDULE.length + 3, SCHEDULE)).toBeUndefined();
  });
});

describe(failedTooLong.name, () => {
  const since = new Date('2026-01-01T00:00:00Z');

  it('is false inside the window and true from its end', () => {
    expect(failedTooLong(since, new Date(since.getTime() + 5 * 24 * HOUR - 1), 5 * 24 * HOUR)).toBe(false);
    expect(failedTooLong(since, new Date(since.getTime() + 5 * 24 * HOUR), 5 * 24 * HOUR)).toBe(true);
  });
});
