import { expiredPartitions, partitionOf, partitionsAhead, type DayRange } from './event-partitions.rules';

/** Runs one statement on the maintenance's own connection (the one holding the advisory lock). */
export type Sql = <Row = Record<string, unknown>>(text: string, parameters?: unknown[]) => Promise<Row[]>;

export interface RetentionSettings {
  eventRetentionMs: number;
  dedupeWindowMs: number;
  inboundRetentionMs: number | 'forever';
  messageRetentionMs: number | 'forever';
}

/** Rows one DELETE takes: a short transaction that holds few row locks, so ingest never waits long. */
export const BATCH_ROWS = 1_000;
/** A schema change waits this long at most for its lock, then gives up until the next pass (ingest must not queue behind it). */
const LOCK_TIMEOUT = '2s';

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

async function inTransaction(sql: Sql, work: () => Promise<void>): Promise<void> {
  await sql('BEGIN');
  try {
    await sql(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
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
  await inTransaction(sql, async () => {
    await sql(`CREATE TABLE ${day.name} (LIKE webhook_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)`);
    await sql(
      `WITH moved AS (DELETE FROM webhook_events_default WHERE received_at >= '${from}' AND received_at < '${to}' RETURNING *) INSERT INTO ${day.name} SELECT * FROM moved`,
    );
    await sql(`ALTER TABLE webhook_events ATTACH PARTITION ${day.name} FOR VALUES FROM ('${from}') TO ('${to}')`);
  });
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

/** Drops the partitions whose whole day is past the retention: no row is deleted one by one. */
export async function dropExpiredPartitions(sql: Sql, now: Date, retentionMs: number): Promise<string[]> {
  const dropped: string[] = [];
  for (const day of expiredPartitions(await partitionNames(sql), now, retentionMs)) {
    await inTransaction(sql, () => sql(`DROP TABLE ${day.name}`).then(() => undefined));
    dropped.push(day.name);
  }
  return dropped;
}

/**
 * Repeats a batch DELETE (answering the rows it deleted) until a batch comes back short. After
 * each batch it waits as long as the batch took, so retention takes at most half of what the
 * database can give and ingest keeps the rest.
 */
export async function deleteInBatches(sql: Sql, statement: string, parameters: unknown[], shouldStop: () => boolean = () => false): Promise<number> {
  let total = 0;
  for (;;) {
    const started = Date.now();
    const [{ deleted }] = await sql<{ deleted: number }>(statement, parameters);
    total += deleted;
    if (deleted < BATCH_ROWS || shouldStop()) {
      return total;
    }
    await new Promise((resolve) => setTimeout(resolve, Date.now() - started));
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

/**
 * One maintenance pass: partitions ahead, expired partitions dropped, ids past the dedupe window
 * and domain rows past their retention deleted in small batches.
 */
export async function maintain(sql: Sql, settings: RetentionSettings, now = new Date(), shouldStop: () => boolean = () => false): Promise<PassReport> {
  const report: PassReport = { partitionsCreated: [], partitionsDropped: [], deleted: {} };
  report.partitionsCreated = await ensurePartitions(sql, now);
  report.partitionsDropped = await dropExpiredPartitions(sql, now, settings.eventRetentionMs);
  const before = (ms: number) => new Date(now.getTime() - ms);
  report.deleted.webhook_event_ids = await deleteInBatches(sql, TRIM_EVENT_IDS, [before(settings.dedupeWindowMs)], shouldStop);
  report.deleted.webhook_event_conflicts = await deleteInBatches(sql, DELETE_OLD_CONFLICTS, [before(settings.eventRetentionMs)], shouldStop);
  report.deleted.webhook_event_dropped_conflicts = await deleteInBatches(
    sql,
    DELETE_OLD_DROPPED_CONFLICT_COUNTS,
    [before(settings.eventRetentionMs)],
    shouldStop,
  );
  if (settings.inboundRetentionMs !== 'forever') {
    report.deleted.inbound_messages = await deleteInBatches(sql, DELETE_OLD_INBOUND, [before(settings.inboundRetentionMs)], shouldStop);
  }
  if (settings.messageRetentionMs !== 'forever') {
    let statuses = 0;
    const counting: Sql = async (text, parameters) => {
      const rows = await sql<{ deleted: number; statuses: number }>(text, parameters);
      statuses += rows[0].statuses;
      return rows as never;
    };
    report.deleted.messages = await deleteInBatches(counting, DELETE_OLD_MESSAGES, [before(settings.messageRetentionMs)], shouldStop);
    report.deleted.message_statuses = statuses;
  }
  return report;
}
