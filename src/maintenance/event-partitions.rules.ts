import { DAY_MS } from '../config/duration.util';

export const PARTITION_PREFIX = 'webhook_events_p';
/** Days of partitions kept ready beyond today, so a missed maintenance pass never fails an insert. */
export const DAYS_AHEAD = 7;

export interface DayRange {
  name: string;
  from: Date;
  to: Date;
}

export function startOfUtcDay(time: Date): Date {
  return new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);
}

/** The partition of the UTC day holding `time`: `webhook_events_p20261128`, from that midnight to the next. */
export function partitionOf(time: Date): DayRange {
  const from = startOfUtcDay(time);
  return { name: `${PARTITION_PREFIX}${from.toISOString().slice(0, 10).replace(/-/g, '')}`, from, to: new Date(from.getTime() + DAY_MS) };
}

/** The day a partition name stands for; undefined for any other table (the default partition). */
export function dayOfPartition(name: string): DayRange | undefined {
  const match = new RegExp(`^${PARTITION_PREFIX}(\\d{4})(\\d{2})(\\d{2})$`).exec(name);
  if (!match) {
    return undefined;
  }
  const day = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? undefined : partitionOf(day);
}

/** Today and the days ahead: the partitions that must exist now. */
export function partitionsAhead(now: Date, daysAhead = DAYS_AHEAD): DayRange[] {
  return Array.from({ length: daysAhead + 1 }, (_, offset) => partitionOf(new Date(now.getTime() + offset * DAY_MS)));
}

/** Partitions whose every event was received longer ago than the retention: dropped whole. */
export function expiredPartitions(names: string[], now: Date, retentionMs: number): DayRange[] {
  const cutoff = now.getTime() - retentionMs;
  return names
    .map(dayOfPartition)
    .filter((day): day is DayRange => day !== undefined && day.to.getTime() <= cutoff)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}
