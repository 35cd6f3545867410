import { MAX_JSON_DEPTH, unstorableJsonReason } from './storable-json.util';

describe(unstorableJsonReason.name, () => {
  it('accepts ordinary payloads, unicode and emoji included', () => {
    expect(unstorableJsonReason({ id: 'x', body: { text: { body: 'olá 👍 你好' }, list: [1, null, true] } })).toBeUndefined();
  });

  it('names a NUL character in a value or a key', () => {
    expect(unstorableJsonReason({ body: { text: 'a\u0000b' } })).toBe('$.body.text contains a NUL character');
    expect(unstorableJsonReason({ body: { ['k\u0000']: 1 } })).toBe('$.body key contains a NUL character');
  });

  it('names an unpaired surrogate', () => {
    expect(unstorableJsonReason({ list: ['ok', '\ud800'] })).toBe('$.list[1] contains an unpaired UTF-16 surrogate');
  });

  it('refuses prototype keys at any depth', () => {
    expect(unstorableJsonReason({ body: { list: [{ constructor: 'x' }] } })).toBe('$.body.list[0] has the key "constructor", which is not accepted');
    expect(unstorableJsonReason(JSON.parse('{"a":{"__proto__":{"polluted":1}}}'))).toBe('$.a has the key "__proto__", which is not accepted');
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 10_000; level++) {
      deep = { next: deep };
    }
    expect(unstorableJsonReason(deep)).toContain(`nested more than ${MAX_JSON_DEPTH} levels`);
  });
});
