import { DataSource, type DataSourceOptions, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options';
import { runMigrationsExclusively } from '../src/database/run-migrations';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('the schema', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('is exactly what the entities describe: the migrations leave nothing for migration:generate', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('can be taken down by the migrations and built again', async () => {
    const migrations = dataSource.migrations.length;
    for (let step = 0; step < migrations; step++) {
      await dataSource.undoLastMigration();
    }
    expect(
      (await dataSource.query(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`))[0].tables,
    ).toBe(0);
    await dataSource.runMigrations();
    expect(await dataSource.showMigrations()).toBe(false);
  });
});

class SlowMigration1700000000000 implements MigrationInterface {
  name = 'SlowMigration1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(0.6)');
  }

  async down(): Promise<void> {}
}

describe('migrations at start', () => {
  it('may take longer than the query timeout of the service: a large installation rewrites tables for minutes', async () => {
    const database = await createTestDatabase({ empty: true });
    const options = dataSourceOptions(database.url) as DataSourceOptions & { extra: Record<string, unknown> };
    const dataSource = await new DataSource({
      ...options,
      migrations: [SlowMigration1700000000000],
      extra: { ...options.extra, query_timeout: 300 },
    }).initialize();
    try {
      await expect(dataSource.query('SELECT pg_sleep(0.6)')).rejects.toThrow(/timeout/i);
      await runMigrationsExclusively(dataSource);
      expect(await dataSource.query('SELECT name FROM schema_migrations')).toEqual([{ name: 'SlowMigration1700000000000' }]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
