import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInbound1764100002000 implements MigrationInterface {
  name = 'CreateInbound1764100002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbound_messages (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        event_id text NOT NULL,
        wamid text,
        account_name text,
        waba_id text,
        from_phone text NOT NULL,
        to_phone text,
        send_time timestamptz NOT NULL,
        type text NOT NULL,
        customer_name text,
        context_from text,
        context_wamid text,
        text text,
        content jsonb,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX inbound_messages_seq_key ON inbound_messages (seq)`);
    await queryRunner.query(`CREATE INDEX inbound_messages_from_seq_idx ON inbound_messages (from_phone, seq)`);
    await queryRunner.query(`CREATE INDEX inbound_messages_to_seq_idx ON inbound_messages (to_phone, seq)`);
    await queryRunner.query(`CREATE INDEX inbound_messages_type_seq_idx ON inbound_messages (type, seq)`);
    await queryRunner.query(`CREATE INDEX inbound_messages_waba_id_seq_idx ON inbound_messages (waba_id, seq)`);
    await queryRunner.query(`CREATE INDEX inbound_messages_context_wamid_idx ON inbound_messages (context_wamid)`);
    await queryRunner.query(`CREATE INDEX inbound_messages_send_time_idx ON inbound_messages (send_time)`);
    await queryRunner.query(`CREATE INDEX inbound_messages_text_search_idx ON inbound_messages USING gin (to_tsvector('simple', coalesce(text, '')))`);
    await queryRunner.query(`
      CREATE TABLE customers (
        waba_id text NOT NULL,
        phone text NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        name text,
        name_seen_at timestamptz,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        message_count int NOT NULL,
        PRIMARY KEY (waba_id, phone)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX customers_seq_key ON customers (seq)`);
    await queryRunner.query(`CREATE INDEX customers_phone_idx ON customers (phone)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customers`);
    await queryRunner.query(`DROP TABLE inbound_messages`);
  }
}
