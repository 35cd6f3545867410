import { inWaves } from './waves.util';

describe(inWaves.name, () => {
  it('keeps everything in one wave when every key is distinct', () => {
    expect(inWaves(['a', 'b', 'c'], (item) => item)).toEqual([['a', 'b', 'c']]);
  });

  it('moves each repeat of a key to the next wave, in order', () => {
    const items = [
      { key: 'm1', status: 'sent' },
      { key: 'm2', status: 'sent' },
      { key: 'm1', status: 'delivered' },
      { key: 'm1', status: 'read' },
      { key: 'm2', status: 'read' },
    ];
    expect(inWaves(items, (item) => item.key).map((wave) => wave.map((item) => `${item.key}:${item.status}`))).toEqual([
      ['m1:sent', 'm2:sent'],
      ['m1:delivered', 'm2:read'],
      ['m1:read'],
    ]);
  });

  it('gives no waves for no items', () => {
    expect(inWaves([], String)).toEqual([]);
  });
});
