import { dayOfPartition, expiredPartitions, partitionOf, partitionsAhead } from './event-partitions.rules';

const DAY = 86_400_000;

describe(partitionOf.name, () => {
  it('names the UTC day and spans midnight to midnight', () => {
    expect(partitionOf(new Date('2026-11-28T23:59:59.999Z'))).toEqual({
      name: 'webhook_events_p20261128',
      from: new Date('2026-11-28T00:00:00Z'),
      to: new Date('2026-11-29T00:00:00Z'),
    });
  });
});

describe(dayOfPartition.name, () => {
  it('reads the day back from the name, and nothing from other tables', () => {
    expect(dayOfPartition('webhook_events_p20261231')?.from).toEqual(new Date('2026-12-31T00:00:00Z'));
    expect(dayOfPartition('webhook_events_default')).toBeUndefined();
    expect(dayOfPartition('webhook_events_p20261340')).toBeUndefined();
  });
});

describe(partitionsAhead.name, () => {
  it('covers today and the next seven days, across a month end', () => {
    const sut = partitionsAhead(new Date('2026-11-28T23:59:00Z'));
    expect(sut.map((day) => day.name)).toEqual([
      'webhook_events_p20261128',
      'webhook_events_p20261129',
      'webhook_events_p20261130',
      'webhook_events_p20261201',
      'webhook_events_p20261202',
      'webhook_events_p20261203',
      'webhook_events_p20261204',
      'webhook_events_p20261205',
    ]);
  });
});

describe(expiredPartitions.name, () => {
  const now = new Date('2026-11-28T10:00:00Z');

  it('drops a day only once all of it is older than the retention, oldest first', () => {
    const names = ['webhook_events_p20261029', 'webhook_events_p20261027', 'webhook_events_p20261028', 'webhook_events_default', 'webhook_events_p20261128'];
    expect(expiredPartitions(names, now, 30 * DAY).map((day) => day.name)).toEqual(['webhook_events_p20261027', 'webhook_events_p20261028']);
  });

  it('keeps everything within a retention of a day but yesterday', () => {
    expect(expiredPartitions(['webhook_events_p20261126', 'webhook_events_p20261127'], now, DAY).map((day) => day.name)).toEqual(['webhook_events_p20261126']);
  });
});
