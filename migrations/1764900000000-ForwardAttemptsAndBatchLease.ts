import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every attempt of a delivery is kept (a delivery row holds only its last one); settled
 * deliveries are found by age for FORWARD_RETENTION; a destination holds the lease of its batch
 * in flight.
 */
export class ForwardAttemptsAndBatchLease1764900000000 implements MigrationInterface {
  name = 'ForwardAttemptsAndBatchLease1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE forward_attempts (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_seq bigint NOT NULL,
        destination_id uuid NOT NULL,
        attempted_at timestamptz NOT NULL,
        delivered boolean NOT NULL,
        status_code int,
        duration_ms int NOT NULL,
        error text
      )`);
    await queryRunner.query(`CREATE INDEX forward_attempts_delivery_seq_idx ON forward_attempts (delivery_seq, seq)`);
    await queryRunner.query(`CREATE INDEX forward_attempts_destination_time_idx ON forward_attempts (destination_id, attempted_at, delivered)`);
    await queryRunner.query(`CREATE INDEX forward_deliveries_settled_idx ON forward_deliveries (last_attempt_at) WHERE state IN ('delivered', 'failed')`);
    await queryRunner.query(`ALTER TABLE destinations ADD COLUMN batch_leased_until timestamptz`);
    // The lease replaces looking for a destination's deliveries being sent: one index less to keep up per state change.
    await queryRunner.query(`DROP INDEX forward_deliveries_sending_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX forward_deliveries_sending_idx ON forward_deliveries (destination_id) WHERE state = 'sending'`);
    await queryRunner.query(`ALTER TABLE destinations DROP COLUMN batch_leased_until`);
    await queryRunner.query(`DROP INDEX forward_deliveries_settled_idx`);
    await queryRunner.query(`DROP TABLE forward_attempts`);
  }
}
