import { canonicalJson, contentHash } from './content-hash.util';

describe(contentHash.name, () => {
  it('ignores key order at every depth', () => {
    const a = { id: 'e1', body: { status: 'read', conversation: { id: 'c', expireAt: 't' } }, type: 'x' };
    const b = { type: 'x', body: { conversation: { expireAt: 't', id: 'c' }, status: 'read' }, id: 'e1' };
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it('tells different content apart, including array order and value types', () => {
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: '1' }));
    expect(contentHash({ a: null })).not.toBe(contentHash({}));
  });

  it('writes canonical JSON that parses back to the same value', () => {
    const value = { z: [true, null, { y: 'ü"\\' }], a: 1.5 };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
    expect(canonicalJson(value)).toBe('{"a":1.5,"z":[true,null,{"y":"ü\\"\\\\"}]}');
  });
});
