/**
 * The statistics rollups (`stats_*` tables) count per minute and per hour, in as many rows per
 * bucket as `COUNT_SHARD` has values: each writing connection adds to a row of its own, so two
 * instances never queue behind each other on one hot row; readers sum the shards.
 */
export const COUNT_WIDTHS = `(VALUES ('minute'), ('hour')) AS w(width)`;
export const COUNT_SHARD = `(pg_backend_pid() % 8)::smallint`;

/**
 * Adds the signed `delta` rows of `changes` (columns: at, <keys...>, delta) to `table`, per width,
 * in key order (so concurrent writers lock the rows in the same order). An `INSERT ... ON
 * CONFLICT`, so it also fits in a statement's `WITH` list, reading what an earlier part wrote.
 */
export function addBucketCounts(table: string, keys: readonly string[], changes: string): string {
  const keyList = keys.join(', ');
  const keyPositions = keys.map((_, index) => index + 4).join(', ');
  return `
    INSERT INTO ${table} AS s (bucket_width, bucket_start, shard, ${keyList}, count)
    SELECT w.width, date_trunc(w.width, c.at, 'UTC'), ${COUNT_SHARD}, ${keys.map((key) => `c.${key}`).join(', ')}, sum(c.delta)
    FROM (${changes}) AS c CROSS JOIN ${COUNT_WIDTHS}
    GROUP BY 1, 2, ${keyPositions}
    HAVING sum(c.delta) <> 0
    ORDER BY 1, 2, ${keyPositions}
    ON CONFLICT (bucket_width, bucket_start, shard, ${keyList}) DO UPDATE SET count = s.count + EXCLUDED.count`;
}
