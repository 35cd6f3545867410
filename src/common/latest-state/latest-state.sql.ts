import { unnestRows, unnestValues, type UnnestColumn } from '../unnest.sql';
import type { PreparedQuery } from '../../database/prepared-query';

/**
 * The state follows the event with the latest eventTime; an older event only enters history (a
 * late event never overwrites a newer one). For modules that keep a current-state table and a
 * history table with the same columns, `event_id` and `event_time` among them.
 *
 * One statement, so the decision is made on the locked row: the history gets one row per event
 * (a replay adds nothing); the latest event of each key in the batch is merged with the stored
 * row, which it replaces only if its (event time, event id) is later. Equal event times thus
 * settle the same way in any arrival order.
 */
export class LatestStateWriter {
  private readonly statement: string;

  constructor(
    private readonly tables: {
      stateTable: string;
      historyTable: string;
      /** The column that identifies the state row. */
      keyColumn: string;
      /** Every column but event_id and event_time. */
      columns: UnnestColumn[];
    },
  ) {
    const columns = this.allColumns.map((column) => column.name);
    const updates = columns.filter((column) => column !== tables.keyColumn).map((column) => `${column} = EXCLUDED.${column}`);
    this.statement = `
      WITH input AS (${unnestRows('i', this.allColumns)}),
      history AS (
        INSERT INTO ${tables.historyTable} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM input
        ON CONFLICT (event_id) DO NOTHING
      ),
      latest AS (
        SELECT DISTINCT ON (${tables.keyColumn}) ${columns.join(', ')} FROM input
        ORDER BY ${tables.keyColumn}, event_time DESC, event_id DESC
      )
      INSERT INTO ${tables.stateTable} AS state (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM latest ORDER BY ${tables.keyColumn}
      ON CONFLICT (${tables.keyColumn}) DO UPDATE SET ${updates.join(', ')}, updated_at = now()
      WHERE (EXCLUDED.event_time, EXCLUDED.event_id) > (state.event_time, state.event_id)`;
  }

  private get allColumns(): UnnestColumn[] {
    return [{ name: 'event_id', type: 'text' }, { name: 'event_time', type: 'timestamptz' }, ...this.tables.columns];
  }

  /** Writes rows keyed by column name. */
  async write(query: PreparedQuery, rows: Record<string, unknown>[]): Promise<void> {
    await query(this.statement, unnestValues(rows, this.allColumns));
  }
}
