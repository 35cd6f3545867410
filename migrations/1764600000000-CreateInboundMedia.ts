import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInboundMedia1764600000000 implements MigrationInterface {
  name = 'CreateInboundMedia1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbound_media (
        message_id text PRIMARY KEY,
        account_name text,
        waba_id text,
        link text NOT NULL,
        sha256 text,
        mime_type text,
        filename text,
        state text NOT NULL DEFAULT 'pending',
        bytes bigint,
        content_key text,
        stored_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX inbound_media_state_idx ON inbound_media (state)`);
    // Media messages stored before: fetched on the next start if their account has a password
    // (their links may have expired by then, which ends them failed).
    await queryRunner.query(`
      INSERT INTO inbound_media (message_id, account_name, waba_id, link, sha256, mime_type, filename, state)
      SELECT id, account_name, waba_id, content->>'link', content->>'sha256', content->>'mimeType',
        CASE WHEN type = 'document' THEN content->>'filename' END, 'not_configured'
      FROM inbound_messages
      WHERE type IN ('image', 'sticker', 'video', 'audio', 'document') AND jsonb_typeof(content) = 'object' AND coalesce(content->>'link', '') <> ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbound_media`);
  }
}
