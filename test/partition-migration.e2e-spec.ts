import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options';
import { partitionOf } from '../src/maintenance/event-partitions.rules';
import { canonicalJson, sha256Hex } from '../src/webhook/content-hash.util';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { rows, startTestApp } from './support/test-app';

const PARTITIONING = 'PartitionEventStore1764500000000';
/** Migrations run in the order of the timestamp their name ends with. */
const timestampOf = (name: string) => Number(/\d{13}$/.exec(name)?.[0]);
const DAY = 86_400_000;
const TRIGGERS = `SELECT tgname FROM pg_trigger WHERE tgrelid = 'webhook_events'::regclass AND NOT tgisinternal ORDER BY tgname`;

/** The migrations up to (without) the partitioning, as an installation made before it has them. */
async function migrateBefore(url: string): Promise<void> {
  const all = new DataSource(dataSourceOptions(url));
  await all.initialize();
  const earlier = all.migrations
    .filter((migration) => migration.name !== undefined && timestampOf(migration.name) < timestampOf(PARTITIONING))
    .map((m) => m.constructor as new () => unknown);
  await all.destroy();
  const before = new DataSource({ ...dataSourceOptions(url), migrations: earlier as never });
  await before.initialize();
  await before.runMigrations({ transaction: 'each' });
  await before.destroy();
}

describe('the partitioning migration on an installation with data', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    await migrateBefore(database.url);
  });

  afterAll(async () => {
    await database.drop();
  });

  it('keeps every event in the partition of its day, their order, and their exactly-once', async () => {
    const filled = new DataSource(dataSourceOptions(database.url));
    await filled.initialize();
    await filled.query(`
      INSERT INTO webhook_events (id, type, event_time, received_at, state, content_hash, payload)
      SELECT 'old-' || g, 'whatsapp_message_status_updated', now() - make_interval(days => g), now() - make_interval(days => g), 'processed', 'hash-' || g,
        jsonb_build_object('id', 'old-' || g)
      FROM generate_series(0, 9) g`);
    const delivered = { id: 'old-3', type: 'some_future_event', eventTime: '2026-11-25T00:00:00Z', body: { n: 3 } };
    await filled.query(`UPDATE webhook_events SET payload = $2, content_hash = $3 WHERE id = $1`, [
      delivered.id,
      canonicalJson(delivered),
      sha256Hex(canonicalJson(delivered)),
    ]);
    // A trigger another module keeps on the table, counting what is inserted.
    await filled.query(`CREATE TABLE test_event_count (n int NOT NULL); INSERT INTO test_event_count VALUES (0)`);
    await filled.query(
      `CREATE FUNCTION test_count_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE test_event_count SET n = n + 1; RETURN NULL; END $$`,
    );
    await filled.query(`CREATE TRIGGER test_count_events AFTER INSERT ON webhook_events FOR EACH ROW EXECUTE FUNCTION test_count_event()`);
    const triggersBefore = await filled.query(TRIGGERS);
    expect(triggersBefore).toContainEqual({ tgname: 'test_count_events' });
    const before = await filled.query(`SELECT id, seq::text, received_at FROM webhook_events ORDER BY seq`);
    expect(await filled.showMigrations()).toBe(true);
    await filled.runMigrations({ transaction: 'each' });

    const after = await filled.query(`SELECT id, seq::text, received_at, tableoid::regclass::text AS partition FROM webhook_events ORDER BY seq`);
    expect(after.map(({ id, seq, received_at }: Record<string, unknown>) => ({ id, seq, received_at }))).toEqual(before);
    for (const row of after as { received_at: Date; partition: string }[]) {
      expect(row.partition).toBe(partitionOf(row.received_at).name);
    }
    expect((await filled.query(`SELECT count(*)::int AS n FROM webhook_event_ids`))[0].n).toBe(10);
    // Every trigger survives the partitioning; a later migration drops the new-event counter (the INSERT counts them now).
    expect(await filled.query(TRIGGERS)).toEqual(triggersBefore.filter(({ tgname }: { tgname: string }) => tgname !== 'stats_new_events'));
    expect(await filled.query(`SELECT n FROM test_event_count`)).toEqual([{ n: 0 }]);
    await filled.destroy();

    // The service starts on it: new events continue the order, an old id is still a duplicate.
    const testApp = await startTestApp({ database });
    try {
      const oldest = partitionOf(new Date(Date.now() - 9 * DAY)).name;
      expect(await rows(testApp, `SELECT tableoid::regclass::text AS partition FROM webhook_events WHERE id = 'old-9'`)).toEqual([{ partition: oldest }]);
      const fresh = { id: 'new-1', type: 'some_future_event', eventTime: '2026-11-28T00:00:00Z', body: {} };
      await testApp.deliver(fresh).expect(200);
      const [{ seq }] = await rows<{ seq: string }>(testApp, `SELECT seq::text FROM webhook_events WHERE id = 'new-1'`);
      expect(BigInt(seq)).toBeGreaterThan(BigInt(before[before.length - 1].seq));
      expect((await testApp.deliver(delivered).expect(200)).body.status).toBe('duplicate');
      expect((await testApp.deliver({ ...delivered, body: { n: 4 } }).expect(200)).body.status).toBe('conflict');
      await testApp.query('/events/old-9').expect(200);
      expect(await rows(testApp, `SELECT n FROM test_event_count`)).toEqual([{ n: 1 }]);
    } finally {
      await testApp.close({ keepDatabase: true });
    }
  });

  it('can be reverted to the unpartitioned table with the data kept', async () => {
    const dataSource = new DataSource(dataSourceOptions(database.url));
    await dataSource.initialize();
    try {
      const [{ n: stored }] = await dataSource.query(`SELECT count(*)::int AS n FROM webhook_events`);
      const since = dataSource.migrations.filter((migration) => timestampOf(migration.name ?? '') >= timestampOf(PARTITIONING));
      for (let step = 0; step < since.length; step++) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
      expect(await dataSource.query(`SELECT relkind FROM pg_class WHERE relname = 'webhook_events'`)).toEqual([{ relkind: 'r' }]);
      expect((await dataSource.query(`SELECT count(*)::int AS n FROM webhook_events`))[0].n).toBe(stored);
      await dataSource.runMigrations({ transaction: 'each' });
      expect((await dataSource.query(`SELECT count(*)::int AS n FROM webhook_events`))[0].n).toBe(stored);
    } finally {
      await dataSource.destroy();
    }
  });
});
