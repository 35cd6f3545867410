import { BUCKET_WIDTHS, type BucketWidth } from './stats-bucket.columns';

const MS: Record<BucketWidth, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** A stats answer never has more buckets than this: a week by hour, a day by minute. */
export const MAX_BUCKETS = 1_500;
export const DEFAULT_SPAN_MS = MS.hour;

export interface StatsWindow {
  bucket: BucketWidth;
  /** Start of the first bucket (the bucket that holds `since`). */
  since: Date;
  until: Date;
}

export class StatsWindowError extends Error {}

/**
 * The buckets a stats query reads. Without `until` it ends now; without `since` it spans the hour
 * before `until`; without `bucket` it takes the finest width that keeps the answer under
 * MAX_BUCKETS buckets.
 */
export function statsWindow(query: { since?: string; until?: string; bucket?: BucketWidth }, now: Date): StatsWindow {
  const until = query.until ? new Date(query.until) : now;
  const since = query.since ? new Date(query.since) : new Date(until.getTime() - DEFAULT_SPAN_MS);
  if (since.getTime() >= until.getTime()) {
    throw new StatsWindowError('since must be before until');
  }
  const span = until.getTime() - since.getTime();
  const bucket = query.bucket ?? BUCKET_WIDTHS.find((width) => span / MS[width] <= MAX_BUCKETS) ?? 'day';
  if (span / MS[bucket] > MAX_BUCKETS) {
    throw new StatsWindowError(`since..until spans more than ${MAX_BUCKETS} ${bucket} buckets; ask for a wider bucket`);
  }
  return { bucket, since: startOfBucket(since, bucket), until };
}

/** The UTC start of the bucket that holds `time`, as date_trunc(width, time, 'UTC') computes it. */
export function startOfBucket(time: Date, bucket: BucketWidth): Date {
  return new Date(Math.floor(time.getTime() / MS[bucket]) * MS[bucket]);
}
