import { expiredPartitions, partitionOf, partitionsAhead, type DayRange } from './event-partitions.rules';
import { BUSY_SHARE, pauseAfterBatch } from './retention-pace.rules';

/** Runs one statement on the maintenance's own connection (the one holding the advisory lock). */
export type Sql = <Row = Record<string, unknown>>(text: string, parameters?: unknown[]) => Promise<Row[]>;

export interface RetentionSettings {
  eventRetentionMs: number;
  dedupeWindowMs: number;
  inboundRetentionMs: number | 'forever';
  messageRetentionMs: number | 'forever';
  statsMinuteRetentionMs: number | 'forever';
  statsHourRetentionMs: number | 'forever';
  /** The share of the time the deletes may keep the database busy (RETENTION_BUSY_PERCENT / 100). */
  retentionBusyShare: number;
}

/** Rows one DELETE takes: a short transaction that holds few row locks, so ingest never waits long. */
export const BATCH_ROWS = 500;
/**
 * How long a schema change (attach, detach) waits for its lock before it gives up and tries
 * again. While it waits, every insert into the event store queues behind it, so this bounds
 * the pause ingest can see from maintenance.
 */
const SCHEMA_LOCK_TIMEOUT = '50ms';
/** How long a retention DELETE waits for a row an ingest transaction holds; it keeps its own row locks meanwhile. */
const ROW_LOCK_TIMEOUT = '100ms';
/** Tries at a lock before the pass gives up on that change (the next pass tries again), and the pause between tries. */
const LOCK_ATTEMPTS = 20;
const LOCK_RETRY_PAUSE_MS = 250;
const LOCK_NOT_AVAILABLE = '55P03';
/** Between two partitions dropped in one pass (after days without maintenance, or a shorter retention). */
const PAUSE_BETWEEN_DROPS_MS = 1_000;

export interface PassReport {
  partitionsCreated: string[];
  partitionsDropped: string[];
  /** Rows deleted per table. */
  deleted: Record<string, number>;
}

async function partitionNames(sql: Sql): Promise<string[]> {
  const rows = await sql<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'webhook_events'::regclass`,
  );
  return rows.map((row) => row.name);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isLockTimeout = (error: unknown) => (error as { code?: unknown } | undefined)?.code === LOCK_NOT_AVAILABLE;

/** Runs `work` again after a pause while it fails for a lock it could not get in time; other errors go up at once. */
async function retryingLockTimeouts<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isLockTimeout(error) || attempt >= LOCK_ATTEMPTS) {
        throw error;
      }
      await sleep(LOCK_RETRY_PAUSE_MS);
    }
  }
}

async function inTransaction(sql: Sql, work: () => Promise<void>): Promise<void> {
  await sql('BEGIN');
  try {
    await sql(`SET LOCAL lock_timeout = '${SCHEMA_LOCK_TIMEOUT}'`);
    await work();
    await sql('COMMIT');
  } catch (error) {
    await sql('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Creates a day's partition as a table of its own, moves into it any row of that day the default
 * partition caught, then attaches it. ATTACH takes only a SHARE UPDATE EXCLUSIVE lock on the
 * parent, so inserts go on meanwhile (CREATE TABLE ... PARTITION OF would block them).
 */
async function createPartition(sql: Sql, day: DayRange): Promise<void> {
  const [from, to] = [day.from.toISOString(), day.to.toISOString()];
  await retryingLockTimeouts(() =>
    inTransaction(sql, async () => {
      await sql(`CREATE TABLE ${day.name} (LIKE webhook_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)`);
      await sql(
        `WITH moved AS (DELETE FROM webhook_events_default WHERE received_at >= '${from}' AND received_at < '${to}' RETURNING *) INSERT INTO ${day.name} SELECT * FROM moved`,
      );
      await sql(`ALTER TABLE webhook_events ATTACH PARTITION ${day.name} FOR VALUES FROM ('${from}') TO ('${to}')`);
    }),
  );
}

/** Today's partition, the days ahead, and the day of any row the default partition holds. */
export async function ensurePartitions(sql: Sql, now: Date): Promise<string[]> {
  const existing = new Set(await partitionNames(sql));
  const caught = await sql<{ day: Date }>(`SELECT DISTINCT date_trunc('day', received_at, 'UTC') AS day FROM webhook_events_default`);
  const wanted = [...partitionsAhead(now), ...caught.map((row) => partitionOf(row.day))];
  const created: string[] = [];
  for (const day of wanted) {
    if (!existing.has(day.name)) {
      await createPartition(sql, day);
      existing.add(day.name);
      created.push(day.name);
    }
  }
  return created;
}

/** The day tables of the event store: its partitions, and any a pass detached but did not get to drop. */
async function dayTables(sql: Sql): Promise<{ name: string; attached: boolean }[]> {
  return sql<{ name: string; attached: boolean }>(
    `SELECT relname AS name, relispartition AS attached FROM pg_class WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace AND relname LIKE 'webhook_events\\_p%'`,
  );
}

/**
 * Drops the partitions whose whole day is past the retention: no row is deleted one by one.
 * A partition is first detached, which holds the parent's exclusive lock only for a catalog
 * change (and waits for it at most SCHEMA_LOCK_TIMEOUT); the DROP that removes the files then
 * locks that table alone, so ingest never waits for the disk.
 */
export async function dropExpiredPartitions(sql: Sql, now: Date, retentionMs: number): Promise<string[]> {
  const tables = await dayTables(sql);
  const attached = new Set(tables.filter((table) => table.attached).map((table) => table.name));
  const dropped: string[] = [];
  for (const day of expiredPartitions(
    tables.map((table) => table.name),
    now,
    retentionMs,
  )) {
    if (dropped.length > 0) {
      // Each detach holds ingest back for a moment; apart, those moments never add up.
      await sleep(PAUSE_BETWEEN_DROPS_MS);
    }
    if (attached.has(day.name)) {
      await retryingLockTimeouts(() => inTransaction(sql, () => sql(`ALTER TABLE webhook_events DETACH PARTITION ${day.name}`).then(() => undefined)));
    }
    await sql(`DROP TABLE ${day.name}`);
    dropped.push(day.name);
  }
  return dropped;
}

/**
 * Repeats a batch DELETE (answering the rows it deleted) until a batch comes back short. After
 * each batch it pauses (pauseAfterBatch), so retention keeps the database busy a small share of
 * the time and ingest keeps the rest; a batch that waited too long for a row lock is given up
 * and tried again after the pause.
 */
export async function deleteInBatches(
  sql: Sql,
  statement: string,
  parameters: unknown[],
  { shouldStop = () => false, busyShare = BUSY_SHARE }: { shouldStop?: () => boolean; busyShare?: number } = {},
): Promise<number> {
  let total = 0;
  for (;;) {
    const started = Date.now();
    const [{ deleted }] = await retryingLockTimeouts(() => sql<{ deleted: number }>(statement, parameters));
    total += deleted;
    if (deleted < BATCH_ROWS || shouldStop()) {
      return total;
    }
    await sleep(pauseAfterBatch(Date.now() - started, busyShare));
  }
}

const TRIM_EVENT_IDS = `
  WITH gone AS (
    DELETE FROM webhook_event_ids WHERE id IN (SELECT id FROM webhook_event_ids WHERE received_at < $1 ORDER BY received_at LIMIT ${BATCH_ROWS})
    RETURNING 1
  ) SELECT count(*)::int AS deleted FROM gone`;

const DELETE_OLD_CONFLICTS = `
  WITH gone AS (
    DELETE FROM webhook_event_conflicts WHERE seq IN (SELECT seq FROM webhook_event_conflicts WHERE received_at < $1 LIMIT ${BATCH_ROWS})
    RETURNING 1
  ) SELECT count(*)::int AS deleted FROM gone`;

const DELETE_OLD_DROPPED_CONFLICT_COUNTS = `
  WITH gone AS (
    DELETE FROM webhook_event_dropped_conflicts
    WHERE event_id IN (SELECT event_id FROM webhook_event_dropped_conflicts WHERE last_received_at < $1 LIMIT ${BATCH_ROWS})
    RETURNING 1
  ) SELECT count(*)::int AS deleted FROM gone`;

/** An inbound message goes with the record of its media file (the file itself stays in MEDIA_DIR). */
const DELETE_OLD_INBOUND = `
  WITH gone AS (
    DELETE FROM inbound_messages WHERE id IN (SELECT id FROM inbound_messages WHERE send_time < $1 ORDER BY send_time LIMIT ${BATCH_ROWS})
    RETURNING id
  ),
  media AS (DELETE FROM inbound_media m USING gone WHERE m.message_id = gone.id RETURNING 1)
  SELECT count(*)::int AS deleted FROM gone`;

/** A message goes with its status history once its last status is older than the retention. */
const DELETE_OLD_MESSAGES = `
  WITH doomed AS (
    SELECT id FROM messages WHERE status_event_time < $1 AND last_event_time < $1 ORDER BY status_event_time LIMIT ${BATCH_ROWS}
  ),
  gone AS (DELETE FROM messages m USING doomed WHERE m.id = doomed.id RETURNING m.id),
  history AS (DELETE FROM message_statuses s USING gone WHERE s.message_id = gone.id RETURNING 1)
  SELECT count(*)::int AS deleted, (SELECT count(*)::int FROM history) AS statuses FROM gone`;

/** The stats rollup tables (migration CreateStatsRollups): counts per minute and per hour. */
const ROLLUP_TABLES = ['stats_event_counts', 'stats_message_funnel', 'stats_failure_reasons', 'stats_inbound_counts'];

/** Rollup rows of one width ($2) whose bucket started before $1; by their physical address, as the key is wide. */
const deleteOldRollups = (table: string) => `
  WITH gone AS (
    DELETE FROM ${table}
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${table} WHERE bucket_width = $2 AND bucket_start < $1 LIMIT ${BATCH_ROWS}))
      AND bucket_width = $2 AND bucket_start < $1
    RETURNING 1
  ) SELECT count(*)::int AS deleted FROM gone`;

/**
 * One maintenance pass: partitions ahead, expired partitions dropped, ids past the dedupe window,
 * domain rows and stats rollups past their retention deleted in small, paced batches.
 */
export async function maintain(sql: Sql, settings: RetentionSettings, now = new Date(), shouldStop: () => boolean = () => false): Promise<PassReport> {
  await sql(`SET lock_timeout = '${ROW_LOCK_TIMEOUT}'`);
  try {
    return await maintainWithin(sql, settings, now, shouldStop);
  } finally {
    await sql('RESET lock_timeout');
  }
}

async function maintainWithin(sql: Sql, settings: RetentionSettings, now: Date, shouldStop: () => boolean): Promise<PassReport> {
  const report: PassReport = { partitionsCreated: [], partitionsDropped: [], deleted: {} };
  const pace = { shouldStop, busyShare: settings.retentionBusyShare };
  report.partitionsCreated = await ensurePartitions(sql, now);
  report.partitionsDropped = await dropExpiredPartitions(sql, now, settings.eventRetentionMs);
  const before = (ms: number) => new Date(now.getTime() - ms);
  report.deleted.webhook_event_ids = await deleteInBatches(sql, TRIM_EVENT_IDS, [before(settings.dedupeWindowMs)], pace);
  report.deleted.webhook_event_conflicts = await deleteInBatches(sql, DELETE_OLD_CONFLICTS, [before(settings.eventRetentionMs)], pace);
  report.deleted.webhook_event_dropped_conflicts = await deleteInBatches(sql, DELETE_OLD_DROPPED_CONFLICT_COUNTS, [before(settings.eventRetentionMs)], pace);
  if (settings.inboundRetentionMs !== 'forever') {
    report.deleted.inbound_messages = await deleteInBatches(sql, DELETE_OLD_INBOUND, [before(settings.inboundRetentionMs)], pace);
  }
  if (settings.messageRetentionMs !== 'forever') {
    let statuses = 0;
    const counting: Sql = async (text, parameters) => {
      const rows = await sql<{ deleted: number; statuses: number }>(text, parameters);
      statuses += rows[0].statuses;
      return rows as never;
    };
    report.deleted.messages = await deleteInBatches(counting, DELETE_OLD_MESSAGES, [before(settings.messageRetentionMs)], pace);
    report.deleted.message_statuses = statuses;
  }
  for (const table of ROLLUP_TABLES) {
    report.deleted[table] = 0;
    for (const [width, retention] of [
      ['minute', settings.statsMinuteRetentionMs],
      ['hour', settings.statsHourRetentionMs],
    ] as const) {
      if (retention !== 'forever') {
        report.deleted[table] += await deleteInBatches(sql, deleteOldRollups(table), [before(retention), width], pace);
      }
    }
  }
  return report;
}
