import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEventStore1764100000000 implements MigrationInterface {
  name = 'CreateEventStore1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_events (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        type text NOT NULL,
        event_time timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        state text NOT NULL CONSTRAINT webhook_events_state_check CHECK (state IN ('processed', 'unhandled', 'invalid', 'failed')),
        reasons jsonb,
        error text,
        attempts int NOT NULL DEFAULT 1,
        processed_at timestamptz,
        content_hash text NOT NULL,
        payload jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX webhook_events_seq_key ON webhook_events (seq)`);
    await queryRunner.query(`CREATE INDEX webhook_events_type_seq_idx ON webhook_events (type, seq)`);
    await queryRunner.query(`CREATE INDEX webhook_events_state_seq_idx ON webhook_events (state, seq)`);
    await queryRunner.query(`CREATE INDEX webhook_events_event_time_idx ON webhook_events (event_time)`);
    await queryRunner.query(`
      CREATE TABLE webhook_event_conflicts (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL,
        content_hash text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX webhook_event_conflicts_event_hash_key ON webhook_event_conflicts (event_id, content_hash)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_event_conflicts`);
    await queryRunner.query(`DROP TABLE webhook_events`);
  }
}
