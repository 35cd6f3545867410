import { addBucketCounts, COUNT_SHARD, COUNT_WIDTHS } from '../common/bucket-counts.sql';

/**
 * The rollup upserts behind GET /stats/* that the domain writers run themselves, as one more
 * common table expression of the statement that writes their rows: the counts commit with those
 * rows and cost one small aggregate per statement, without a trigger, its transition tables (a
 * copy of every row written) or a PL/pgSQL call.
 *
 * Each function answers an `INSERT ... ON CONFLICT` that reads the rows a preceding CTE of the
 * same statement returned (`source`), so it belongs in that statement's `WITH` list.
 */

/** The funnel stage of a message status rank (unknown < sent < failed < delivered < read). */
const stage = (rank: string) => `CASE ${rank} WHEN 1 THEN 'sent' WHEN 2 THEN 'failed' WHEN 3 THEN 'delivered' WHEN 4 THEN 'read' ELSE 'other' END`;

/**
 * The delivery funnel groups messages by the minute they were first seen and counts their current
 * stage. `source` returns, for each message row written, `created_at`, `old_rank` (the status rank
 * before this statement, NULL for a new message) and `new_rank`: a message that moved leaves its
 * old stage and enters its new one.
 */
export function countFunnelMoves(source: string): string {
  return addBucketCounts(
    'stats_message_funnel',
    ['stage'],
    `SELECT created_at AS at, ${stage('old_rank')} AS stage, -1 AS delta FROM ${source} WHERE old_rank IS NOT NULL
     UNION ALL SELECT created_at, ${stage('new_rank')}, 1 FROM ${source}`,
  );
}

/**
 * Failure reports by reason, from the status history: `source` returns the history rows inserted
 * (`received_at`, `status_rank`, `error_code`, `error_message`, `message_id`); every failure
 * report counts, late ones too.
 */
export function countFailureReasons(source: string): string {
  return `
    INSERT INTO stats_failure_reasons AS s (bucket_width, bucket_start, shard, code, message, count, example_message_id)
    SELECT w.width, date_trunc(w.width, f.received_at, 'UTC'), ${COUNT_SHARD}, coalesce(f.error_code, ''), coalesce(f.error_message, ''), count(*), max(f.message_id)
    FROM ${source} AS f CROSS JOIN ${COUNT_WIDTHS}
    WHERE f.status_rank = 2
    GROUP BY 1, 2, 4, 5 ORDER BY 1, 2, 4, 5
    ON CONFLICT (bucket_width, bucket_start, shard, code, message)
    DO UPDATE SET count = s.count + EXCLUDED.count, example_message_id = EXCLUDED.example_message_id`;
}

/** Inbound messages by type and the minute they were received: `source` returns the new rows' `received_at` and `type`. */
export function countInboundMessages(source: string): string {
  return addBucketCounts('stats_inbound_counts', ['type'], `SELECT received_at AS at, type, 1 AS delta FROM ${source}`);
}
