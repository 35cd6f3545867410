import { isCursor } from './query.decorators';

describe(isCursor.name, () => {
  it('accepts positive whole numbers up to the largest bigint', () => {
    expect(isCursor('1')).toBe(true);
    expect(isCursor('9223372036854775807')).toBe(true);
  });

  it.each(['9223372036854775808', '99999999999999999999', '0', '-1', '01', '1.5', '1e3', ''])('refuses %s', (value) => {
    expect(isCursor(value)).toBe(false);
  });
});
