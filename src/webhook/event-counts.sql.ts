import { addBucketCounts } from '../common/bucket-counts.sql';

/**
 * The ingest transaction counts what it received in `stats_event_counts` (behind GET /stats/events)
 * itself, by the minute and hour it received it: the new events as one more part of the
 * statement that inserts them, the re-deliveries (answered `duplicate` or `conflict`, stored as no
 * event row) with one more statement, sent with the batch's other writes and only for a batch that
 * has any. A later change of an event's state (a failure marked at commit, a replay) is moved from
 * one count to the other by the `stats_changed_events` trigger.
 */

/** Adds the rows of `received` (columns: type, outcome) to the counts of this minute and hour; fits in a statement's `WITH` list too. */
export function countReceivedEvents(received: string): string {
  return addBucketCounts('stats_event_counts', ['type', 'outcome'], `SELECT now() AS at, r.type, r.outcome, 1 AS delta FROM (${received}) AS r(type, outcome)`);
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
