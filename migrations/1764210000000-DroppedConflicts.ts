import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DroppedConflicts1764210000000 implements MigrationInterface {
  name = 'DroppedConflicts1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_event_dropped_conflicts (
        event_id text PRIMARY KEY,
        dropped bigint NOT NULL,
        last_received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_event_dropped_conflicts`);
  }
}
