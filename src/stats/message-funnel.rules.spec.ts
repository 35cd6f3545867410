import { funnelOf } from './message-funnel.rules';

describe(funnelOf.name, () => {
  it('counts read messages as delivered and gives each rate over all messages', () => {
    expect(funnelOf({ sent: 1, delivered: 2, read: 6, failed: 1 })).toEqual({
      messages: 10,
      delivered: 8,
      read: 6,
      failed: 1,
      pending: 1,
      deliveredRate: 0.8,
      readRate: 0.6,
      failedRate: 0.1,
    });
  });

  it('has no rates without messages', () => {
    expect(funnelOf({})).toMatchObject({ messages: 0, deliveredRate: null, readRate: null, failedRate: null });
  });

  it('counts messages with an unknown status in the total only', () => {
    expect(funnelOf({ other: 2, read: 2 })).toMatchObject({ messages: 4, delivered: 2, readRate: 0.5 });
  });
});
