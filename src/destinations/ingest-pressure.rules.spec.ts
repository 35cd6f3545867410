import { attemptsPerSecond } from './ingest-pressure.rules';

describe('attemptsPerSecond', () => {
  it('does not hold forwarding back while the event loop has room, or nothing is being stored', () => {
    expect(attemptsPerSecond(0.3, 2000, 0.1)).toBe(Number.POSITIVE_INFINITY);
    expect(attemptsPerSecond(0.95, 0, 0.1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('holds attempts to the share of the events stored while ingest keeps the service busy', () => {
    expect(attemptsPerSecond(0.9, 2000, 0.1)).toBe(200);
    expect(attemptsPerSecond(0.9, 2000, 0.25)).toBe(500);
  });

  it('always lets one attempt a second through, and a share of 1 never holds back', () => {
    expect(attemptsPerSecond(0.9, 3, 0.1)).toBe(1);
    expect(attemptsPerSecond(0.9, 2000, 1)).toBe(Number.POSITIVE_INFINITY);
  });
});
