import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ingest transaction's INSERT of the events now counts them itself (one more part of that
 * statement), so the statement-level trigger that did so goes. The trigger that moves an event's
 * count when its state changes (a failure, a replay) stays.
 */
export class NewEventsCountedByTheirInsert1765400000000 implements MigrationInterface {
  name = 'NewEventsCountedByTheirInsert1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER stats_new_events ON webhook_events`);
    await queryRunner.query(`DROP FUNCTION stats_count_new_events()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION stats_count_new_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO stats_event_counts AS s (bucket_width, bucket_start, shard, type, outcome, count)
        SELECT w.width, date_trunc(w.width, c.at, 'UTC'), (pg_backend_pid() % 8)::smallint, c.type, c.outcome, sum(c.delta)
        FROM (SELECT received_at AS at, type, state AS outcome, 1 AS delta FROM new_rows) AS c CROSS JOIN (VALUES ('minute'), ('hour')) AS w(width)
        GROUP BY 1, 2, 4, 5
        HAVING sum(c.delta) <> 0
        ORDER BY 1, 2, 4, 5
        ON CONFLICT (bucket_width, bucket_start, shard, type, outcome) DO UPDATE SET count = s.count + EXCLUDED.count;
      RETURN NULL; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER stats_new_events AFTER INSERT ON webhook_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_count_new_events()`,
    );
  }
}
