import { MAX_BUCKETS, startOfBucket, statsWindow, StatsWindowError } from './stats-window.rules';

describe(statsWindow.name, () => {
  const now = new Date('2026-11-28T15:42:30.500Z');

  it('defaults to the last hour by minute, from the start of its first minute', () => {
    expect(statsWindow({}, now)).toEqual({ bucket: 'minute', since: new Date('2026-11-28T14:42:00.000Z'), until: now });
  });

  it('takes the finest width that keeps the answer small: a week by hour, a quarter by day', () => {
    expect(statsWindow({ since: '2026-11-21T15:42:30Z' }, now).bucket).toBe('hour');
    expect(statsWindow({ since: '2026-08-01T00:00:00Z' }, now).bucket).toBe('day');
    expect(statsWindow({ since: '2026-11-27T15:42:30Z' }, now).bucket).toBe('minute');
  });

  it('refuses a width that would give more than MAX_BUCKETS buckets, and an empty range', () => {
    expect(() => statsWindow({ since: '2026-11-21T00:00:00Z', bucket: 'minute' }, now)).toThrow(StatsWindowError);
    expect(() => statsWindow({ since: '2026-11-28T16:00:00Z' }, now)).toThrow('since must be before until');
    expect(MAX_BUCKETS).toBeGreaterThanOrEqual(7 * 24);
  });

  it('honours an explicit until', () => {
    const window = statsWindow({ since: '2026-11-01T00:00:00Z', until: '2026-11-03T00:00:00Z', bucket: 'day' }, now);
    expect(window).toEqual({ bucket: 'day', since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-11-03T00:00:00Z') });
  });
});

describe(startOfBucket.name, () => {
  it('truncates to the UTC minute, hour and day', () => {
    const time = new Date('2026-11-28T15:42:30.500Z');
    expect(startOfBucket(time, 'minute').toISOString()).toBe('2026-11-28T15:42:00.000Z');
    expect(startOfBucket(time, 'hour').toISOString()).toBe('2026-11-28T15:00:00.000Z');
    expect(startOfBucket(time, 'day').toISOString()).toBe('2026-11-28T00:00:00.000Z');
  });
});
