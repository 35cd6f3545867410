import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The message funnel, failure-reason and inbound rollups are now kept by the statements that
 * write messages, statuses and inbound messages (src/stats/stats-rollups.sql.ts), as one more
 * common table expression each: their four statement-level triggers go. A trigger copied every
 * row its statement wrote into transition tables (an update of a message: the old and the new
 * row) and ran a PL/pgSQL function; each was a large share of the fixed cost of an ingest
 * transaction. The event counters keep their triggers on webhook_events.
 *
 * A message's move from one funnel stage to another is read from `previous_status_rank`, which
 * the upsert sets to the rank it replaces (`RETURNING old.*` would need PostgreSQL 18).
 */
const TRIGGERS = [
  ['stats_new_messages', 'INSERT', 'messages', 'stats_count_new_messages'],
  ['stats_changed_messages', 'UPDATE', 'messages', 'stats_count_changed_messages'],
  ['stats_failures', 'INSERT', 'message_statuses', 'stats_count_failures'],
  ['stats_inbound', 'INSERT', 'inbound_messages', 'stats_count_inbound'],
] as const;

const WIDTHS = `(VALUES ('minute'), ('hour')) AS w(width)`;
const SHARD = `(pg_backend_pid() % 8)::smallint`;
const STAGE = (rank: string) => `CASE ${rank} WHEN 1 THEN 'sent' WHEN 2 THEN 'failed' WHEN 3 THEN 'delivered' WHEN 4 THEN 'read' ELSE 'other' END`;

function addCounts(table: string, keys: string[], changes: string): string {
  const keyList = keys.join(', ');
  return `
    INSERT INTO ${table} AS s (bucket_width, bucket_start, shard, ${keyList}, count)
    SELECT w.width, date_trunc(w.width, c.at, 'UTC'), ${SHARD}, ${keys.map((key) => `c.${key}`).join(', ')}, sum(c.delta)
    FROM (${changes}) AS c CROSS JOIN ${WIDTHS}
    GROUP BY 1, 2, ${keys.map((_, index) => index + 4).join(', ')}
    HAVING sum(c.delta) <> 0
    ORDER BY 1, 2, ${keys.map((_, index) => index + 4).join(', ')}
    ON CONFLICT (bucket_width, bucket_start, shard, ${keyList}) DO UPDATE SET count = s.count + EXCLUDED.count`;
}

/** The trigger functions as CreateStatsRollups1764400000000 made them, for `down`. */
const FUNCTION_BODIES: Record<(typeof TRIGGERS)[number][3], string> = {
  stats_count_new_messages: addCounts('stats_message_funnel', ['stage'], `SELECT created_at AS at, ${STAGE('status_rank')} AS stage, 1 AS delta FROM new_rows`),
  stats_count_changed_messages: addCounts(
    'stats_message_funnel',
    ['stage'],
    `SELECT created_at AS at, ${STAGE('status_rank')} AS stage, -1 AS delta FROM old_rows UNION ALL SELECT created_at, ${STAGE('status_rank')}, 1 FROM new_rows`,
  ),
  stats_count_failures: `INSERT INTO stats_failure_reasons AS s (bucket_width, bucket_start, shard, code, message, count, example_message_id)
    SELECT w.width, date_trunc(w.width, f.received_at, 'UTC'), ${SHARD}, coalesce(f.error_code, ''), coalesce(f.error_message, ''), count(*), max(f.message_id)
    FROM new_rows AS f CROSS JOIN ${WIDTHS}
    WHERE f.status_rank = 2
    GROUP BY 1, 2, 4, 5 ORDER BY 1, 2, 4, 5
    ON CONFLICT (bucket_width, bucket_start, shard, code, message)
    DO UPDATE SET count = s.count + EXCLUDED.count, example_message_id = EXCLUDED.example_message_id`,
  stats_count_inbound: addCounts('stats_inbound_counts', ['type'], `SELECT received_at AS at, type, 1 AS delta FROM new_rows`),
};

export class RollupsCountedByTheirWriters1765200000000 implements MigrationInterface {
  name = 'RollupsCountedByTheirWriters1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages ADD COLUMN previous_status_rank smallint`);
    for (const [trigger, , table, fn] of TRIGGERS) {
      await queryRunner.query(`DROP TRIGGER ${trigger} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION ${fn}()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages DROP COLUMN previous_status_rank`);
    for (const [trigger, event, table, fn] of TRIGGERS) {
      await queryRunner.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${FUNCTION_BODIES[fn]}; RETURN NULL; END $$`);
      await queryRunner.query(
        `CREATE TRIGGER ${trigger} AFTER ${event} ON ${table} REFERENCING ${event === 'UPDATE' ? 'OLD TABLE AS old_rows ' : ''}NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
    }
  }
}
