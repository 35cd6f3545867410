import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ingest transaction records its forwards as one `forward_batches` row per destination and
 * batch; the relay expands them into `forward_deliveries`. Deliveries recorded before this
 * migration stay as they are.
 */
export class ForwardBatches1765300000000 implements MigrationInterface {
  name = 'ForwardBatches1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE forward_batches (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        destination_id uuid NOT NULL,
        event_ids text[] NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Batches not yet expanded become deliveries, so that going back loses no forward.
    await queryRunner.query(`
      INSERT INTO forward_deliveries (destination_id, event_id, next_attempt_at)
      SELECT b.destination_id, e.id, b.recorded_at FROM forward_batches b CROSS JOIN LATERAL unnest(b.event_ids) AS e(id)
      ON CONFLICT (destination_id, event_id) DO NOTHING`);
    await queryRunner.query(`DROP TABLE forward_batches`);
  }
}
