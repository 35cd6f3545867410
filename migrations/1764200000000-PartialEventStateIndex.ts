import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nearly every event ends `processed`; the state filter matters for the others (failed,
 * invalid, unhandled). Indexing only those spares an index write on the ingest path.
 */
export class PartialEventStateIndex1764200000000 implements MigrationInterface {
  name = 'PartialEventStateIndex1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX webhook_events_state_seq_idx`);
    await queryRunner.query(`CREATE INDEX webhook_events_state_seq_idx ON webhook_events (state, seq) WHERE state <> 'processed'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX webhook_events_state_seq_idx`);
    await queryRunner.query(`CREATE INDEX webhook_events_state_seq_idx ON webhook_events (state, seq)`);
  }
}
