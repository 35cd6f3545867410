import { isIsoTimestamp } from './iso-timestamp.util';

describe(isIsoTimestamp.name, () => {
  it.each(['2023-02-22T12:00:00Z', '2023-02-22T12:00Z', '2023-02-22T12:00:00.5Z', '2023-02-22T12:00:00.123456+08:00', '2024-02-29T23:59:59-05:30'])(
    'accepts %s',
    (value) => {
      expect(isIsoTimestamp(value)).toBe(true);
    },
  );

  it.each([
    '2023',
    '2023-02',
    '2023-02-22',
    '2023-02-22T12Z',
    '2023-02-22T12:00:00,5Z',
    '2023-W08-3T12:00Z',
    '2023-053T12:00Z',
    '2023-02-22T12:00:00',
    '2023-02-22 12:00:00Z',
    '2023-02-30T12:00Z',
    '2023-02-22T24:00Z',
    '2023-02-22T12:60Z',
    '0000-01-01T00:00Z',
    '2023-02-22T12:00:00.1234567Z',
    '2023-02-22T12:00+99:00',
  ])('refuses %s', (value) => {
    expect(isIsoTimestamp(value)).toBe(false);
  });
});
