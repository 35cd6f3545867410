import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDestinations1764700000000 implements MigrationInterface {
  name = 'CreateDestinations1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE destinations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        url text NOT NULL,
        description text,
        event_types text[],
        include_unhandled boolean NOT NULL DEFAULT false,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        failing_since timestamptz,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX destinations_seq_key ON destinations (seq)`);
    await queryRunner.query(`
      CREATE TABLE forward_deliveries (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        destination_id uuid NOT NULL,
        event_id text NOT NULL,
        state text NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_status_code int,
        last_duration_ms int,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT forward_deliveries_state_check CHECK (state IN ('pending', 'sending', 'delivered', 'failed'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX forward_deliveries_destination_event_key ON forward_deliveries (destination_id, event_id)`);
    await queryRunner.query(`CREATE INDEX forward_deliveries_destination_seq_idx ON forward_deliveries (destination_id, seq)`);
    await queryRunner.query(
      `CREATE INDEX forward_deliveries_destination_state_seq_idx ON forward_deliveries (destination_id, state, seq) WHERE state <> 'delivered'`,
    );
    await queryRunner.query(
      `CREATE INDEX forward_deliveries_due_idx ON forward_deliveries (destination_id, next_attempt_at) WHERE state IN ('pending', 'sending')`,
    );
    await queryRunner.query(`CREATE INDEX forward_deliveries_sending_idx ON forward_deliveries (destination_id) WHERE state = 'sending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE forward_deliveries`);
    await queryRunner.query(`DROP TABLE destinations`);
  }
}
