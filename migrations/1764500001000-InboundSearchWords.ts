import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL's parser keeps `quote2041.pdf` or `invoice_march.pdf` as one token, so a search for
 * `quote2041` or `invoice` missed them. The searched text and the query are both read with
 * punctuation (dots, underscores, dashes, signs) turned into spaces first; the same functions in
 * the index and in the query let the index serve the search.
 */
export class InboundSearchWords1764500001000 implements MigrationInterface {
  name = 'InboundSearchWords1764500001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION inbound_search_vector(text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN to_tsvector('simple', regexp_replace($1, '[[:punct:]]+', ' ', 'g'))`);
    await queryRunner.query(`
      CREATE FUNCTION inbound_search_query(text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN plainto_tsquery('simple', regexp_replace($1, '[[:punct:]]+', ' ', 'g'))`);
    await queryRunner.query(`DROP INDEX inbound_messages_text_search_idx`);
    await queryRunner.query(`CREATE INDEX inbound_messages_text_search_idx ON inbound_messages USING gin (inbound_search_vector(text))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX inbound_messages_text_search_idx`);
    await queryRunner.query(`CREATE INDEX inbound_messages_text_search_idx ON inbound_messages USING gin (to_tsvector('simple', coalesce(text, '')))`);
    await queryRunner.query(`DROP FUNCTION inbound_search_query(text)`);
    await queryRunner.query(`DROP FUNCTION inbound_search_vector(text)`);
  }
}
