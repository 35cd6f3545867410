/**
 * The statement behind "the state follows the event with the latest eventTime; an older event
 * only enters history" (SPEC 4.3), for modules that keep a current-state table and a history
 * table with the same columns plus `event_id` and `event_time`.
 *
 * One statement, so the decision is made on the locked row: the history gets one row per event
 * (a replay adds nothing) and the state row is written only by a later (event time, event id),
 * which also settles equal event times the same way in any arrival order.
 */
export interface LatestStateTables {
  stateTable: string;
  historyTable: string;
  /** Columns that identify the state row. */
  keyColumns: string[];
  /** Every other column, in the order of the values after event id and event time. */
  columns: string[];
}

export function latestStateStatement({ stateTable, historyTable, keyColumns, columns }: LatestStateTables): string {
  const all = ['event_id', 'event_time', ...columns];
  const placeholders = all.map((_, index) => `$${index + 1}`).join(', ');
  const updates = all.filter((column) => !keyColumns.includes(column)).map((column) => `${column} = EXCLUDED.${column}`);
  return `
    WITH history AS (
      INSERT INTO ${historyTable} (${all.join(', ')}) VALUES (${placeholders})
      ON CONFLICT (event_id) DO NOTHING
    )
    INSERT INTO ${stateTable} AS state (${all.join(', ')}) VALUES (${placeholders})
    ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${updates.join(', ')}, updated_at = now()
    WHERE (EXCLUDED.event_time, EXCLUDED.event_id) > (state.event_time, state.event_id)`;
}
