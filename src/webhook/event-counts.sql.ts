/**
 * The ingest transaction counts what it received in `stats_event_counts` (behind GET /stats/events)
 * itself, by the minute and hour it received it: the new events as one more part of the
 * statement that inserts them, the re-deliveries (answered `duplicate` or `conflict`, stored as no
 * event row) with one more statement, sent with the batch's other writes and only for a batch that
 * has any. A later change of an event's state (a failure marked at commit, a replay) is moved from
 * one count to the other by the `stats_changed_events` trigger.
 */

/**
 * Adds the rows of `received` (columns: type, outcome) to the counts of this minute and hour. An
 * `INSERT ... ON CONFLICT`, so it fits in a statement's `WITH` list too.
 */
export function countReceivedEvents(received: string): string {
  return `
    INSERT INTO stats_event_counts AS s (bucket_width, bucket_start, shard, type, outcome, count)
    SELECT w.width, date_trunc(w.width, now(), 'UTC'), (pg_backend_pid() % 8)::smallint, r.type, r.outcome, count(*)
    FROM (${received}) AS r(type, outcome) CROSS JOIN (VALUES ('minute'), ('hour')) AS w(width)
    GROUP BY 1, 2, 4, 5 ORDER BY 1, 2, 4, 5
    ON CONFLICT (bucket_width, bucket_start, shard, type, outcome) DO UPDATE SET count = s.count + EXCLUDED.count`;
}

export const COUNT_REDELIVERIES = countReceivedEvents('SELECT * FROM unnest($1::text[], $2::text[])');

export interface Redelivery {
  type: string;
  outcome: 'duplicate' | 'conflict';
}

/** The re-deliveries of a classified batch. */
export function redeliveriesOf<Item extends { event: { type: string } }>(batch: Item[], outcomes: Map<Item, string>): Redelivery[] {
  return batch.flatMap((item) => {
    const outcome = outcomes.get(item);
    return outcome === 'duplicate' || outcome === 'conflict' ? [{ type: item.event.type, outcome }] : [];
  });
}

/** The statement's parameters: the type and outcome of each re-delivery. */
export function redeliveryCountParams(redeliveries: Redelivery[]): [string[], string[]] {
  return [redeliveries.map((r) => r.type), redeliveries.map((r) => r.outcome)];
}
