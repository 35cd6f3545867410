import { singleHeader } from './single-header.util';

describe(singleHeader.name, () => {
  it('reads a header sent once, whatever its case', () => {
    expect(singleHeader(['Host', 'x', 'AUTHORIZATION', 'Basic abc'], 'authorization')).toBe('Basic abc');
  });

  it('refuses a header sent twice, even with the same value', () => {
    expect(singleHeader(['authorization', 'right', 'Authorization', 'wrong'], 'authorization')).toBeUndefined();
    expect(singleHeader(['UserName', 'a', 'username', 'a'], 'username')).toBeUndefined();
  });

  it('answers undefined for an absent header', () => {
    expect(singleHeader(['host', 'x'], 'username')).toBeUndefined();
  });
});
