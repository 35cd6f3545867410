import { alignedSeries, bucketStartsOf, MAX_BUCKETS, MAX_DAYS, startOfBucket, statsWindow, StatsWindowError } from './stats-window.rules';

describe(statsWindow.name, () => {
  const now = new Date('2026-11-28T15:42:30.500Z');

  it('defaults to the last hour by minute, from the start of its first minute', () => {
    expect(statsWindow({}, now)).toEqual({ bucket: 'minute', since: new Date('2026-11-28T14:42:00.000Z'), until: now });
  });

  it('takes the finest width that keeps the answer small: a week by hour, a quarter by day', () => {
    expect(statsWindow({ since: '2026-11-21T15:42:30Z' }, now).bucket).toBe('hour');
    expect(statsWindow({ since: '2026-09-15T00:00:00Z' }, now).bucket).toBe('day');
    expect(statsWindow({ since: '2026-11-27T15:42:30Z' }, now).bucket).toBe('minute');
  });

  it('refuses a width that would give more than MAX_BUCKETS buckets, and an empty range', () => {
    expect(() => statsWindow({ since: '2026-11-21T00:00:00Z', bucket: 'minute' }, now)).toThrow(StatsWindowError);
    expect(() => statsWindow({ since: '2026-11-28T16:00:00Z' }, now)).toThrow('since must be before until');
    expect(() => statsWindow({ since: '2026-06-01T00:00:00Z', bucket: 'day' }, now)).toThrow(`more than ${MAX_DAYS} days`);
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

describe(bucketStartsOf.name, () => {
  it('lists every bucket start from since up to until', () => {
    const starts = bucketStartsOf({ bucket: 'hour', since: new Date('2026-11-28T10:00:00Z'), until: new Date('2026-11-28T12:30:00Z') });
    expect(starts.map((start) => start.toISOString())).toEqual(['2026-11-28T10:00:00.000Z', '2026-11-28T11:00:00.000Z', '2026-11-28T12:00:00.000Z']);
  });
});

describe(alignedSeries.name, () => {
  it('gives each key a count per bucket, zero where it had none, and a total', () => {
    const starts = [new Date('2026-11-28T10:00:00Z'), new Date('2026-11-28T11:00:00Z')];
    const rows = [
      { bucketStart: starts[1], type: 'a', outcome: 'processed', count: 3 },
      { bucketStart: starts[0], type: 'a', outcome: 'processed', count: 1 },
      { bucketStart: starts[1], type: 'a', outcome: 'failed', count: 2 },
    ];
    expect(alignedSeries(rows, starts, ['type', 'outcome'])).toEqual([
      { type: 'a', outcome: 'failed', counts: [0, 2], total: 2 },
      { type: 'a', outcome: 'processed', counts: [1, 3], total: 4 },
    ]);
  });
});
