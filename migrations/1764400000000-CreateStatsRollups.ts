import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollup counters behind GET /stats/*: small tables of counts per time bucket, kept up to date by
 * statement-level AFTER triggers in the very transaction that writes the events, so a stats query
 * reads a few hundred rows instead of grouping millions of events.
 *
 * Each trigger reads its statement's transition table (every row the statement wrote, at once)
 * and adds one upsert per statement, not per row: a batch of 256 events costs one small
 * aggregate. The triggers sit on the parent tables; PostgreSQL 13+ fires a parent's statement
 * trigger with transition tables for rows routed to its partitions too, so they keep working
 * once webhook_events is partitioned. Deleting or dropping old events (retention) leaves the
 * counts as they were: they say what was received.
 *
 * Every count is kept per minute and per hour (a day is read as its 24 hours), so any window
 * reads at most a few thousand rows; each row written costs the ingest transaction, so there
 * is no third width. `shard` spreads the current bucket's counters over the writing connections
 * (backend pid modulo 8), so two service instances do not queue behind each other's commit on
 * one hot row; readers sum the shards.
 */
const WIDTHS = `(VALUES ('minute'), ('hour')) AS w(width)`;
const SHARD = `(pg_backend_pid() % 8)::smallint`;
const FUNCTIONS = [
  'stats_count_new_events',
  'stats_count_changed_events',
  'stats_count_new_messages',
  'stats_count_changed_messages',
  'stats_count_failures',
  'stats_count_inbound',
];

/** The funnel stage of a message status rank (unknown < sent < failed < delivered < read). */
const STAGE = (rank: string) => `CASE ${rank} WHEN 1 THEN 'sent' WHEN 2 THEN 'failed' WHEN 3 THEN 'delivered' WHEN 4 THEN 'read' ELSE 'other' END`;

/** Adds the signed `delta` rows of `changes` (columns: at, <keys...>, delta) to `table`, per width. */
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

function triggerFunction(name: string, body: string): string {
  return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body}; RETURN NULL; END $$`;
}

export class CreateStatsRollups1764400000000 implements MigrationInterface {
  name = 'CreateStatsRollups1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const bucket = `bucket_width text NOT NULL, bucket_start timestamptz NOT NULL, shard smallint NOT NULL`;
    await queryRunner.query(`
      CREATE TABLE stats_event_counts (${bucket}, type text NOT NULL, outcome text NOT NULL, count bigint NOT NULL,
        CONSTRAINT stats_event_counts_pkey PRIMARY KEY (bucket_width, bucket_start, shard, type, outcome))`);
    await queryRunner.query(`
      CREATE TABLE stats_message_funnel (${bucket}, stage text NOT NULL, count bigint NOT NULL,
        CONSTRAINT stats_message_funnel_pkey PRIMARY KEY (bucket_width, bucket_start, shard, stage))`);
    await queryRunner.query(`
      CREATE TABLE stats_failure_reasons (${bucket}, code text NOT NULL, message text NOT NULL, count bigint NOT NULL, example_message_id text NOT NULL,
        CONSTRAINT stats_failure_reasons_pkey PRIMARY KEY (bucket_width, bucket_start, shard, code, message))`);
    await queryRunner.query(`
      CREATE TABLE stats_inbound_counts (${bucket}, type text NOT NULL, count bigint NOT NULL,
        CONSTRAINT stats_inbound_counts_pkey PRIMARY KEY (bucket_width, bucket_start, shard, type))`);

    // Events by the minute they were received and the state they are in now; a failure marked in
    // the ingest transaction or a replay moves the event from one state to the other.
    await queryRunner.query(
      triggerFunction(
        'stats_count_new_events',
        addCounts('stats_event_counts', ['type', 'outcome'], `SELECT received_at AS at, type, state AS outcome, 1 AS delta FROM new_rows`),
      ),
    );
    await queryRunner.query(
      triggerFunction(
        'stats_count_changed_events',
        addCounts(
          'stats_event_counts',
          ['type', 'outcome'],
          `SELECT received_at AS at, type, state AS outcome, -1 AS delta FROM old_rows UNION ALL SELECT received_at, type, state, 1 FROM new_rows`,
        ),
      ),
    );
    // The funnel groups messages by the minute they were first seen and counts their current stage.
    await queryRunner.query(
      triggerFunction(
        'stats_count_new_messages',
        addCounts('stats_message_funnel', ['stage'], `SELECT created_at AS at, ${STAGE('status_rank')} AS stage, 1 AS delta FROM new_rows`),
      ),
    );
    await queryRunner.query(
      triggerFunction(
        'stats_count_changed_messages',
        addCounts(
          'stats_message_funnel',
          ['stage'],
          `SELECT created_at AS at, ${STAGE('status_rank')} AS stage, -1 AS delta FROM old_rows UNION ALL SELECT created_at, ${STAGE('status_rank')}, 1 FROM new_rows`,
        ),
      ),
    );
    // Failure reports by reason, from the status history (every report counts, late ones too).
    await queryRunner.query(
      triggerFunction(
        'stats_count_failures',
        `INSERT INTO stats_failure_reasons AS s (bucket_width, bucket_start, shard, code, message, count, example_message_id)
         SELECT w.width, date_trunc(w.width, f.received_at, 'UTC'), ${SHARD}, coalesce(f.error_code, ''), coalesce(f.error_message, ''), count(*), max(f.message_id)
         FROM new_rows AS f CROSS JOIN ${WIDTHS}
         WHERE f.status_rank = 2
         GROUP BY 1, 2, 4, 5 ORDER BY 1, 2, 4, 5
         ON CONFLICT (bucket_width, bucket_start, shard, code, message)
         DO UPDATE SET count = s.count + EXCLUDED.count, example_message_id = EXCLUDED.example_message_id`,
      ),
    );
    await queryRunner.query(
      triggerFunction('stats_count_inbound', addCounts('stats_inbound_counts', ['type'], `SELECT received_at AS at, type, 1 AS delta FROM new_rows`)),
    );

    const trigger = (name: string, event: 'INSERT' | 'UPDATE', table: string, fn: string) =>
      queryRunner.query(
        `CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${event === 'UPDATE' ? 'OLD TABLE AS old_rows ' : ''}NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
    await trigger('stats_new_events', 'INSERT', 'webhook_events', 'stats_count_new_events');
    await trigger('stats_changed_events', 'UPDATE', 'webhook_events', 'stats_count_changed_events');
    await trigger('stats_new_messages', 'INSERT', 'messages', 'stats_count_new_messages');
    await trigger('stats_changed_messages', 'UPDATE', 'messages', 'stats_count_changed_messages');
    await trigger('stats_failures', 'INSERT', 'message_statuses', 'stats_count_failures');
    await trigger('stats_inbound', 'INSERT', 'inbound_messages', 'stats_count_inbound');

    // Whatever was stored before the counters existed is counted once, here.
    await queryRunner.query(
      addCounts('stats_event_counts', ['type', 'outcome'], `SELECT received_at AS at, type, state AS outcome, 1 AS delta FROM webhook_events`),
    );
    await queryRunner.query(
      addCounts('stats_message_funnel', ['stage'], `SELECT created_at AS at, ${STAGE('status_rank')} AS stage, 1 AS delta FROM messages`),
    );
    await queryRunner.query(addCounts('stats_inbound_counts', ['type'], `SELECT received_at AS at, type, 1 AS delta FROM inbound_messages`));
    await queryRunner.query(`
      INSERT INTO stats_failure_reasons (bucket_width, bucket_start, shard, code, message, count, example_message_id)
      SELECT w.width, date_trunc(w.width, f.received_at, 'UTC'), 0, coalesce(f.error_code, ''), coalesce(f.error_message, ''), count(*), max(f.message_id)
      FROM message_statuses AS f CROSS JOIN ${WIDTHS} WHERE f.status_rank = 2 GROUP BY 1, 2, 4, 5`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name, table] of [
      ['stats_new_events', 'webhook_events'],
      ['stats_changed_events', 'webhook_events'],
      ['stats_new_messages', 'messages'],
      ['stats_changed_messages', 'messages'],
      ['stats_failures', 'message_statuses'],
      ['stats_inbound', 'inbound_messages'],
    ]) {
      await queryRunner.query(`DROP TRIGGER ${name} ON ${table}`);
    }
    for (const name of FUNCTIONS) {
      await queryRunner.query(`DROP FUNCTION ${name}()`);
    }
    for (const table of ['stats_event_counts', 'stats_message_funnel', 'stats_failure_reasons', 'stats_inbound_counts']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
