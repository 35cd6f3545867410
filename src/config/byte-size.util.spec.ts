import { parseByteSize } from './byte-size.util';

describe(parseByteSize.name, () => {
  it.each([
    ['1mb', 1048576],
    ['512kb', 524288],
    ['2048', 2048],
    ['1.5MB', 1572864],
    [' 10 b ', 10],
  ])('reads %p as %p bytes', (input, bytes) => {
    expect(parseByteSize(input)).toBe(bytes);
  });

  it.each(['', 'abc', '-1mb', '0', '1tb', '1 m b'])('refuses %p', (input) => {
    expect(parseByteSize(input)).toBeUndefined();
  });
});
