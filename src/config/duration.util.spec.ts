import { parseDuration } from './duration.util';

describe(parseDuration.name, () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['24h', 86_400_000],
    ['30d', 2_592_000_000],
    ['1.5h', 5_400_000],
    [' 2D ', 172_800_000],
  ])('reads %s', (value, ms) => {
    expect(parseDuration(value)).toBe(ms);
  });

  it.each(['', '24', 'h', '-1h', '0h', '1w', '1 hour', '1h30m'])('refuses %j', (value) => {
    expect(parseDuration(value)).toBeUndefined();
  });
});
