import { MIN_PAUSE_MS, pauseAfterBatch } from './retention-pace.rules';

describe('pauseAfterBatch', () => {
  it('waits three times as long as the batch took at a quarter share, so deletes hold the database a quarter of the time', () => {
    expect(pauseAfterBatch(40)).toBe(120);
    expect(pauseAfterBatch(40, 0.5)).toBe(40);
  });

  it('always pauses a little, even after a batch that took no time or a clock that stepped back', () => {
    expect(pauseAfterBatch(0)).toBe(MIN_PAUSE_MS);
    expect(pauseAfterBatch(-5)).toBe(MIN_PAUSE_MS);
  });
});
