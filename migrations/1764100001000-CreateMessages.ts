import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMessages1764100001000 implements MigrationInterface {
  name = 'CreateMessages1764100001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE messages (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        wamid text,
        account_name text,
        waba_id text,
        status text NOT NULL,
        status_rank smallint NOT NULL,
        status_event_time timestamptz NOT NULL,
        status_event_id text NOT NULL,
        conversation_id text,
        conversation_initiate_type text,
        conversation_expire_at timestamptz,
        currency text,
        error_code text,
        error_message text,
        error_event_time timestamptz,
        sent_at timestamptz,
        delivered_at timestamptz,
        delivered_at_inferred boolean NOT NULL DEFAULT false,
        read_at timestamptz,
        failed_at timestamptz,
        first_event_time timestamptz NOT NULL,
        last_event_time timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX messages_seq_key ON messages (seq)`);
    await queryRunner.query(`CREATE INDEX messages_status_seq_idx ON messages (status, seq)`);
    await queryRunner.query(`CREATE INDEX messages_waba_id_seq_idx ON messages (waba_id, seq)`);
    await queryRunner.query(`CREATE INDEX messages_account_name_seq_idx ON messages (account_name, seq)`);
    await queryRunner.query(`CREATE INDEX messages_wamid_idx ON messages (wamid)`);
    await queryRunner.query(`CREATE INDEX messages_status_event_time_idx ON messages (status_event_time)`);
    await queryRunner.query(`
      CREATE TABLE message_statuses (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL,
        message_id text NOT NULL,
        status text NOT NULL,
        status_rank smallint NOT NULL,
        event_time timestamptz NOT NULL,
        wamid text,
        conversation_id text,
        error_code text,
        error_message text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX message_statuses_event_id_key ON message_statuses (event_id)`);
    await queryRunner.query(`CREATE INDEX message_statuses_message_time_idx ON message_statuses (message_id, event_time, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE message_statuses`);
    await queryRunner.query(`DROP TABLE messages`);
  }
}
