/**
 * Re-deliveries are answered `duplicate` or `conflict` and stored as no event row, so the
 * statement-level triggers that keep the stats rollups (migration CreateStatsRollups) never see
 * them: the ingest transaction counts them itself with this statement, sent with the batch's
 * other writes and only for a batch that has any.
 */
export const COUNT_REDELIVERIES = `
  INSERT INTO stats_event_counts AS s (bucket_width, bucket_start, shard, type, outcome, count)
  SELECT w.width, date_trunc(w.width, now(), 'UTC'), (pg_backend_pid() % 8)::smallint, r.type, r.outcome, count(*)
  FROM unnest($1::text[], $2::text[]) AS r(type, outcome) CROSS JOIN (VALUES ('minute'), ('hour')) AS w(width)
  GROUP BY 1, 2, 4, 5 ORDER BY 1, 2, 4, 5
  ON CONFLICT (bucket_width, bucket_start, shard, type, outcome) DO UPDATE SET count = s.count + EXCLUDED.count`;

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
