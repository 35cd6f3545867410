import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Partitions exist for this many days ahead of today after the migration; the service keeps it so. */
const DAYS_AHEAD = 7;
const DAY_MS = 86_400_000;

/** `webhook_events_p20261128`: the partition of one UTC day. The maintenance uses the same names. */
function partitionName(day: Date): string {
  return `webhook_events_p${day.toISOString().slice(0, 10).replace(/-/g, '')}`;
}

function startOfUtcDay(time: Date): Date {
  return new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);
}

/**
 * Triggers other migrations put on the event table (counters kept by trigger, for instance) are
 * created again on its replacement, after the rows are copied, so the copy does not fire them.
 */
async function moveTriggers(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  const triggers = (await queryRunner.query(`SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`, [
    from,
  ])) as { definition: string }[];
  for (const { definition } of triggers) {
    await queryRunner.query(definition.replace(new RegExp(` ON (public\\.)?${from} `), ` ON ${to} `));
  }
}

/**
 * The event store becomes a table partitioned by the day each event was received, so retention
 * drops whole days instead of deleting rows. The rows of an existing installation are copied
 * into the partitions of their days.
 *
 * A partitioned table's unique keys must contain the partition key: the primary key becomes
 * (id, received_at) and `seq` keeps a plain index. Exactly-once across partitions moves to
 * webhook_event_ids, one row per id, which also points at the partition holding the event.
 */
export class PartitionEventStore1764500000000 implements MigrationInterface {
  name = 'PartitionEventStore1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_events RENAME TO webhook_events_unpartitioned`);
    await queryRunner.query(`ALTER TABLE webhook_events_unpartitioned RENAME CONSTRAINT webhook_events_pkey TO webhook_events_unpartitioned_pkey`);
    for (const index of ['webhook_events_seq_key', 'webhook_events_type_seq_idx', 'webhook_events_state_seq_idx', 'webhook_events_event_time_idx']) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    await queryRunner.query(`
      CREATE TABLE webhook_events (
        LIKE webhook_events_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY INCLUDING STORAGE,
        CONSTRAINT webhook_events_pkey PRIMARY KEY (id, received_at)
      ) PARTITION BY RANGE (received_at)`);
    // Only a safety net: partitions exist days ahead, and the maintenance moves any row found here into its day.
    await queryRunner.query(`CREATE TABLE webhook_events_default PARTITION OF webhook_events DEFAULT`);

    const [{ oldest, last_seq: lastSeq }] = (await queryRunner.query(
      `SELECT min(received_at) AS oldest, max(seq)::text AS last_seq FROM webhook_events_unpartitioned`,
    )) as { oldest: Date | null; last_seq: string | null }[];
    const today = startOfUtcDay(new Date());
    for (let day = startOfUtcDay(oldest ?? today); day.getTime() <= today.getTime() + DAYS_AHEAD * DAY_MS; day = new Date(day.getTime() + DAY_MS)) {
      const next = new Date(day.getTime() + DAY_MS);
      await queryRunner.query(
        `CREATE TABLE ${partitionName(day)} PARTITION OF webhook_events FOR VALUES FROM ('${day.toISOString()}') TO ('${next.toISOString()}')`,
      );
    }
    await queryRunner.query(`INSERT INTO webhook_events OVERRIDING SYSTEM VALUE SELECT * FROM webhook_events_unpartitioned`);
    if (lastSeq !== null) {
      await queryRunner.query(`ALTER TABLE webhook_events ALTER COLUMN seq RESTART WITH ${BigInt(lastSeq) + 1n}`);
    }
    await moveTriggers(queryRunner, 'webhook_events_unpartitioned', 'webhook_events');
    await queryRunner.query(`DROP TABLE webhook_events_unpartitioned`);

    await queryRunner.query(`CREATE INDEX webhook_events_seq_idx ON webhook_events (seq)`);
    await queryRunner.query(`CREATE INDEX webhook_events_type_seq_idx ON webhook_events (type, seq)`);
    await queryRunner.query(`CREATE INDEX webhook_events_state_seq_idx ON webhook_events (state, seq) WHERE state <> 'processed'`);
    await queryRunner.query(`CREATE INDEX webhook_events_event_time_idx ON webhook_events (event_time)`);

    await queryRunner.query(`
      CREATE TABLE webhook_event_ids (
        id text PRIMARY KEY,
        received_at timestamptz NOT NULL,
        content_hash text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX webhook_event_ids_received_at_idx ON webhook_event_ids (received_at)`);
    // Every stored id, whatever its age: the maintenance trims them to the dedupe window.
    await queryRunner.query(`INSERT INTO webhook_event_ids (id, received_at, content_hash) SELECT id, received_at, content_hash FROM webhook_events`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_event_ids`);
    await queryRunner.query(`ALTER TABLE webhook_events RENAME TO webhook_events_partitioned`);
    await queryRunner.query(`ALTER TABLE webhook_events_partitioned RENAME CONSTRAINT webhook_events_pkey TO webhook_events_partitioned_pkey`);
    for (const index of ['webhook_events_seq_idx', 'webhook_events_type_seq_idx', 'webhook_events_state_seq_idx', 'webhook_events_event_time_idx']) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    await queryRunner.query(`
      CREATE TABLE webhook_events (
        LIKE webhook_events_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY INCLUDING STORAGE
      )`);
    // An id stored twice (delivered again after the dedupe window) keeps its latest version.
    await queryRunner.query(
      `INSERT INTO webhook_events OVERRIDING SYSTEM VALUE SELECT DISTINCT ON (id) * FROM webhook_events_partitioned ORDER BY id, received_at DESC`,
    );
    const [{ last_seq: lastSeq }] = (await queryRunner.query(`SELECT max(seq)::text AS last_seq FROM webhook_events`)) as { last_seq: string | null }[];
    if (lastSeq !== null) {
      await queryRunner.query(`ALTER TABLE webhook_events ALTER COLUMN seq RESTART WITH ${BigInt(lastSeq) + 1n}`);
    }
    await moveTriggers(queryRunner, 'webhook_events_partitioned', 'webhook_events');
    await queryRunner.query(`DROP TABLE webhook_events_partitioned`);
    await queryRunner.query(`ALTER TABLE webhook_events ADD CONSTRAINT webhook_events_pkey PRIMARY KEY (id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX webhook_events_seq_key ON webhook_events (seq)`);
    await queryRunner.query(`CREATE INDEX webhook_events_type_seq_idx ON webhook_events (type, seq)`);
    await queryRunner.query(`CREATE INDEX webhook_events_state_seq_idx ON webhook_events (state, seq) WHERE state <> 'processed'`);
    await queryRunner.query(`CREATE INDEX webhook_events_event_time_idx ON webhook_events (event_time)`);
  }
}
