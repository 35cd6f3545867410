import { canonicalJson, sha256Hex } from './content-hash.util';

const hash = (value: unknown) => sha256Hex(canonicalJson(value));

describe(canonicalJson.name, () => {
  it('ignores key order at every depth', () => {
    const a = { id: 'e1', body: { status: 'read', conversation: { id: 'c', expireAt: 't' } }, type: 'x' };
    const b = { type: 'x', body: { conversation: { expireAt: 't', id: 'c' }, status: 'read' }, id: 'e1' };
    expect(hash(a)).toBe(hash(b));
  });

  it('tells different content apart, including array order and value types', () => {
    expect(hash({ a: [1, 2] })).not.toBe(hash({ a: [2, 1] }));
    expect(hash({ a: 1 })).not.toBe(hash({ a: '1' }));
    expect(hash({ a: null })).not.toBe(hash({}));
  });

  it('writes canonical JSON that parses back to the same value', () => {
    const value = { z: [true, null, { y: 'ü"\\' }], a: 1.5 };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
    expect(canonicalJson(value)).toBe('{"a":1.5,"z":[true,null,{"y":"ü\\"\\\\"}]}');
  });
});
