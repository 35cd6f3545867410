import { parseDuration, parseRetention } from './duration.util';

describe(parseDuration.name, () => {
  it.each([
    ['90s', 90_000],
    ['15m', 15 * 60_000],
    ['12h', 12 * 3_600_000],
    ['24h', 86_400_000],
    ['30d', 30 * 86_400_000],
    ['2w', 14 * 86_400_000],
    [' 7 D ', 7 * 86_400_000],
  ])('reads %p as %p ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['', '30', 'd', '-1d', '0d', '1.5d', '1y', '1 hour', '1h30m', 'forever', '9999999999999999w'])('refuses %p', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });
});

describe(parseRetention.name, () => {
  it('reads forever as keeping everything, anything else as a duration', () => {
    expect(parseRetention('forever')).toBe('forever');
    expect(parseRetention('90d')).toBe(90 * 86_400_000);
    expect(parseRetention('always')).toBeUndefined();
  });
});
