import { Column, PrimaryColumn } from 'typeorm';

export const BUCKET_WIDTHS = ['minute', 'hour', 'day'] as const;
export type BucketWidth = (typeof BUCKET_WIDTHS)[number];
/** The widths rows are kept at; a day is summed from its hours. */
export type StoredWidth = Exclude<BucketWidth, 'day'>;

/**
 * The key every rollup row starts with: the bucket (its width and start, UTC) and the shard of
 * the connection that wrote it. The rows are written only by the triggers of the migration
 * CreateStatsRollups; the service reads them.
 */
export abstract class StatsBucketColumns {
  @PrimaryColumn({ name: 'bucket_width', type: 'text' })
  bucketWidth: StoredWidth;

  @PrimaryColumn({ name: 'bucket_start', type: 'timestamptz' })
  bucketStart: Date;

  @PrimaryColumn({ type: 'smallint' })
  shard: number;

  @Column({ type: 'bigint' })
  count: string;
}
