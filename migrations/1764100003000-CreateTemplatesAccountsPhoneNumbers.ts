import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTemplatesAccountsPhoneNumbers1764100003000 implements MigrationInterface {
  name = 'CreateTemplatesAccountsPhoneNumbers1764100003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const template = `
      account_name text,
      waba_id text,
      template_name text,
      template_language text,
      category text,
      status text NOT NULL,
      reason text`;
    await queryRunner.query(`
      CREATE TABLE templates (
        template_id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        event_id text NOT NULL,
        event_time timestamptz NOT NULL,${template},
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX templates_seq_key ON templates (seq)`);
    await queryRunner.query(`CREATE INDEX templates_waba_name_language_idx ON templates (waba_id, template_name, template_language)`);
    await queryRunner.query(`CREATE INDEX templates_name_idx ON templates (template_name)`);
    await queryRunner.query(`CREATE INDEX templates_status_seq_idx ON templates (status, seq)`);
    await queryRunner.query(`CREATE INDEX templates_category_seq_idx ON templates (category, seq)`);
    await queryRunner.query(`
      CREATE TABLE template_history (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL,
        event_time timestamptz NOT NULL,
        template_id text NOT NULL,${template},
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX template_history_event_id_key ON template_history (event_id)`);
    await queryRunner.query(`CREATE INDEX template_history_template_time_idx ON template_history (template_id, event_time, seq)`);

    await queryRunner.query(`
      CREATE TABLE accounts (
        waba_id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        event_id text NOT NULL,
        event_time timestamptz NOT NULL,
        account_name text,
        decision text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX accounts_seq_key ON accounts (seq)`);
    await queryRunner.query(`CREATE INDEX accounts_decision_seq_idx ON accounts (decision, seq)`);
    await queryRunner.query(`CREATE INDEX accounts_account_name_seq_idx ON accounts (account_name, seq)`);
    await queryRunner.query(`
      CREATE TABLE account_history (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL,
        event_time timestamptz NOT NULL,
        waba_id text NOT NULL,
        account_name text,
        decision text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX account_history_event_id_key ON account_history (event_id)`);
    await queryRunner.query(`CREATE INDEX account_history_waba_time_idx ON account_history (waba_id, event_time, seq)`);

    const phoneNumber = `
      phone_number_id text,
      display_phone_number text,
      account_name text,
      waba_id text,
      decision text NOT NULL,
      requested_verified_name text,
      rejection_reason text`;
    await queryRunner.query(`
      CREATE TABLE phone_numbers (
        phone_key text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        event_id text NOT NULL,
        event_time timestamptz NOT NULL,${phoneNumber},
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX phone_numbers_seq_key ON phone_numbers (seq)`);
    await queryRunner.query(`CREATE INDEX phone_numbers_display_phone_number_idx ON phone_numbers (display_phone_number)`);
    await queryRunner.query(`CREATE INDEX phone_numbers_waba_id_seq_idx ON phone_numbers (waba_id, seq)`);
    await queryRunner.query(`CREATE INDEX phone_numbers_decision_seq_idx ON phone_numbers (decision, seq)`);
    await queryRunner.query(`
      CREATE TABLE phone_number_history (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL,
        event_time timestamptz NOT NULL,
        phone_key text NOT NULL,${phoneNumber},
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX phone_number_history_event_id_key ON phone_number_history (event_id)`);
    await queryRunner.query(`CREATE INDEX phone_number_history_key_time_idx ON phone_number_history (phone_key, event_time, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE phone_number_history`);
    await queryRunner.query(`DROP TABLE phone_numbers`);
    await queryRunner.query(`DROP TABLE account_history`);
    await queryRunner.query(`DROP TABLE accounts`);
    await queryRunner.query(`DROP TABLE template_history`);
    await queryRunner.query(`DROP TABLE templates`);
  }
}
