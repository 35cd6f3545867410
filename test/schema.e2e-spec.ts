import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options';
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
