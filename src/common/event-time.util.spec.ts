import { isValidTimeZone, parseEventTime } from './event-time.util';

describe(parseEventTime.name, () => {
  it('reads ISO times with Z', () => {
    expect(parseEventTime('2023-02-22T12:00:00.000Z', 'UTC')?.toISOString()).toBe('2023-02-22T12:00:00.000Z');
  });

  it('reads ISO times with an offset regardless of the configured zone', () => {
    expect(parseEventTime('2023-02-22T12:00:00+08:00', 'America/New_York')?.toISOString()).toBe('2023-02-22T04:00:00.000Z');
    expect(parseEventTime('2023-02-22T12:00:00-0530', 'UTC')?.toISOString()).toBe('2023-02-22T17:30:00.000Z');
  });

  it('reads zone-less vendor times in UTC by default', () => {
    expect(parseEventTime('2023-02-22 12:00:00', 'UTC')?.toISOString()).toBe('2023-02-22T12:00:00.000Z');
  });

  it('reads zone-less vendor times in the configured zone', () => {
    expect(parseEventTime('2023-02-22 12:00:00', 'Asia/Shanghai')?.toISOString()).toBe('2023-02-22T04:00:00.000Z');
    expect(parseEventTime('2023-07-01 12:00:00', 'Europe/Berlin')?.toISOString()).toBe('2023-07-01T10:00:00.000Z');
    expect(parseEventTime('2023-01-01 12:00:00', 'Europe/Berlin')?.toISOString()).toBe('2023-01-01T11:00:00.000Z');
  });

  it('keeps milliseconds and microsecond fractions down to the millisecond', () => {
    expect(parseEventTime('2023-02-22T12:00:00.123456Z', 'UTC')?.toISOString()).toBe('2023-02-22T12:00:00.123Z');
    expect(parseEventTime('2023-02-22 12:00:00.5', 'UTC')?.toISOString()).toBe('2023-02-22T12:00:00.500Z');
  });

  it.each(['', 'yesterday', '2023-02-30 12:00:00', '2023-13-01T00:00:00Z', '2023-02-22T25:00:00Z', '1677067200', '2023/02/22 12:00:00'])(
    'refuses %p',
    (value) => {
      expect(parseEventTime(value, 'UTC')).toBeUndefined();
    },
  );
});

describe(isValidTimeZone.name, () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
