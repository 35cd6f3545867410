import { BUCKET_WIDTHS, type BucketWidth, type StoredWidth } from './stats-bucket.columns';

const MS: Record<BucketWidth, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** A stats answer never has more buckets than this: a week by hour, a day by minute. */
export const MAX_BUCKETS = 1_500;
/** Day buckets are summed from hour rows: at most this many days, so a query reads at most ~2 200 hours a series. */
export const MAX_DAYS = 92;
export const DEFAULT_SPAN_MS = MS.hour;

export interface StatsWindow {
  bucket: BucketWidth;
  /** Start of the first bucket (the bucket that holds `since`). */
  since: Date;
  until: Date;
}

/** A window the stats cannot answer; `field` is the query parameter to change. */
export class StatsWindowError extends Error {
  constructor(
    readonly field: 'since' | 'bucket',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The buckets a stats query reads. Without `until` it ends now; without `since` it spans the hour
 * before `until`; without `bucket` it takes the finest width that keeps the answer under
 * MAX_BUCKETS buckets. Day buckets cover at most MAX_DAYS days.
 */
export function statsWindow(query: { since?: string; until?: string; bucket?: BucketWidth }, now: Date): StatsWindow {
  const until = query.until ? new Date(query.until) : now;
  const since = query.since ? new Date(query.since) : new Date(until.getTime() - DEFAULT_SPAN_MS);
  if (since.getTime() >= until.getTime()) {
    throw new StatsWindowError('since', 'since must be before until');
  }
  const span = until.getTime() - since.getTime();
  const bucket = query.bucket ?? BUCKET_WIDTHS.find((width) => span / MS[width] <= MAX_BUCKETS) ?? 'day';
  if (bucket === 'day' && span / MS.day > MAX_DAYS) {
    throw new StatsWindowError('since', `since..until spans more than ${MAX_DAYS} days; ask for a shorter range`);
  }
  if (span / MS[bucket] > MAX_BUCKETS) {
    throw new StatsWindowError('bucket', `since..until spans more than ${MAX_BUCKETS} ${bucket} buckets; ask for a wider bucket`);
  }
  return { bucket, since: startOfBucket(since, bucket), until };
}

/** The width of the rows a window reads: a day is summed from its hours. */
export function storedWidth(bucket: BucketWidth): StoredWidth {
  return bucket === 'day' ? 'hour' : bucket;
}

/** The UTC start of the bucket that holds `time`, as date_trunc(width, time, 'UTC') computes it. */
export function startOfBucket(time: Date, bucket: BucketWidth): Date {
  return new Date(Math.floor(time.getTime() / MS[bucket]) * MS[bucket]);
}

const MAX_ALIGNED = MAX_BUCKETS + 1;

/** Every bucket start of the window, oldest first: the x axis the series are aligned on. */
export function bucketStartsOf(window: StatsWindow): Date[] {
  const starts: Date[] = [];
  for (let at = window.since.getTime(); at < window.until.getTime() && starts.length < MAX_ALIGNED; at += MS[window.bucket]) {
    starts.push(new Date(at));
  }
  return starts;
}

/**
 * Rows of (bucket start, key columns, count), in any order, as one series per distinct key in key
 * order, each with a count for every bucket start (0 where no row) and its total: compact, and
 * ready for a chart. Sorting here rather than in SQL spares the database a collation-aware sort.
 */
export function alignedSeries<Key extends string>(
  rows: ({ bucketStart: Date; count: number } & Record<Key, string>)[],
  starts: Date[],
  keys: Key[],
): (Record<Key, string> & { counts: number[]; total: number })[] {
  const position = new Map(starts.map((start, index) => [start.getTime(), index]));
  const series = new Map<string, Record<Key, string> & { counts: number[]; total: number }>();
  for (const row of rows) {
    const index = position.get(row.bucketStart.getTime());
    if (index === undefined) {
      continue;
    }
    const id = JSON.stringify(keys.map((key) => row[key]));
    let one = series.get(id);
    if (!one) {
      one = { ...(Object.fromEntries(keys.map((key) => [key, row[key]])) as unknown as Record<Key, string>), counts: starts.map(() => 0), total: 0 };
      series.set(id, one);
    }
    one.counts[index] += row.count;
    one.total += row.count;
  }
  return [...series].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, one]) => one);
}
