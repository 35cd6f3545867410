import { attemptsPerSecond, machineBusy } from './ingest-pressure.rules';

describe('attemptsPerSecond', () => {
  const quiet = { eventLoop: 0.3, machine: 0.5 };

  it('does not hold forwarding back while the service and the machine have room, or nothing is being stored', () => {
    expect(attemptsPerSecond({ ...quiet, storedPerSecond: 2000 }, 0.1)).toBe(Number.POSITIVE_INFINITY);
    expect(attemptsPerSecond({ eventLoop: 0.95, machine: 1, storedPerSecond: 0 }, 0.1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('holds attempts to the share of the events stored while the event loop or the machine is busy', () => {
    expect(attemptsPerSecond({ eventLoop: 0.9, machine: 0.5, storedPerSecond: 2000 }, 0.1)).toBe(200);
    expect(attemptsPerSecond({ eventLoop: 0.3, machine: 0.9, storedPerSecond: 2000 }, 0.25)).toBe(500);
  });

  it('always lets one attempt a second through, and a share of 1 never holds back', () => {
    expect(attemptsPerSecond({ eventLoop: 0.9, machine: 1, storedPerSecond: 3 }, 0.1)).toBe(1);
    expect(attemptsPerSecond({ eventLoop: 0.9, machine: 1, storedPerSecond: 2000 }, 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('machineBusy', () => {
  it('is the share of CPU time not idle between two readings', () => {
    expect(machineBusy({ idle: 1000, total: 4000 }, { idle: 1500, total: 6000 })).toBe(0.75);
    expect(machineBusy({ idle: 10, total: 10 }, { idle: 10, total: 10 })).toBe(0);
  });
});
