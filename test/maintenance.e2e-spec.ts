import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { MaintenanceService, type PassOutcome } from '../src/maintenance/maintenance.service';
import { BATCH_ROWS, deleteInBatches, type PassReport, type Sql } from '../src/maintenance/maintenance.tasks';
import { MIN_PAUSE_MS } from '../src/maintenance/retention-pace.rules';
import { partitionOf } from '../src/maintenance/event-partitions.rules';
import { rows, startTestApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;

function statusEvent(messageId = randomUUID()) {
  return {
    id: randomUUID(),
    type: 'whatsapp_message_status_updated',
    eventTime: '2026-11-20T12:00:00Z',
    body: { id: messageId, accountName: 'IW1', wabaId: 'W1', wamid: `wamid.${messageId}`, status: 'delivered' },
  };
}

function ran(outcome: PassOutcome): PassReport {
  if (!outcome.ran) {
    throw new Error(`The pass did not run: ${outcome.reason}`);
  }
  return outcome.report;
}

async function partitionsOf(testApp: TestApp): Promise<string[]> {
  const found = await rows<{ name: string }>(
    testApp,
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'webhook_events'::regclass ORDER BY 1`,
  );
  return found.map((row) => row.name);
}

async function partitionHolding(testApp: TestApp, id: string): Promise<string[]> {
  return (
    await rows<{ partition: string }>(testApp, 'SELECT tableoid::regclass::text AS partition FROM webhook_events WHERE id = $1 ORDER BY received_at', [id])
  ).map((row) => row.partition);
}

/** Moves a stored event and its id claim back in time, as if it had been received `days` ago. */
async function age(testApp: TestApp, id: string, days: number): Promise<void> {
  await testApp.sql.query(`UPDATE webhook_events SET received_at = received_at - make_interval(days => $2) WHERE id = $1`, [id, days]);
  await testApp.sql.query(`UPDATE webhook_event_ids SET received_at = received_at - make_interval(days => $2) WHERE id = $1`, [id, days]);
}

describe('maintenance: partitions, retention, dedupe window', () => {
  let testApp: TestApp;
  let maintenance: MaintenanceService;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { INBOUND_RETENTION: '30d', MESSAGE_RETENTION: '30d' } });
    maintenance = testApp.app.get(MaintenanceService);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('has partitions for today and the seven days ahead as soon as the service is up', async () => {
    const partitions = await partitionsOf(testApp);
    for (let day = 0; day <= 7; day++) {
      expect(partitions).toContain(partitionOf(new Date(Date.now() + day * DAY)).name);
    }
    expect(partitions).toContain('webhook_events_default');
  });

  it('moves a row the default partition caught into a partition of its day', async () => {
    const event = statusEvent();
    await testApp.deliver(event).expect(200);
    await age(testApp, event.id, 3);
    expect(await partitionHolding(testApp, event.id)).toEqual(['webhook_events_default']);

    const report = ran(await maintenance.runOnce());
    const day = partitionOf(new Date(Date.now() - 3 * DAY)).name;
    expect(report.partitionsCreated).toContain(day);
    expect(await partitionHolding(testApp, event.id)).toEqual([day]);
    expect(await rows(testApp, 'SELECT count(*)::int AS n FROM webhook_events_default')).toEqual([{ n: 0 }]);
  });

  it('recognises a re-delivery whose original lies in an older partition, and finds it by id', async () => {
    const event = statusEvent();
    await testApp.deliver(event).expect(200);
    await age(testApp, event.id, 5);
    ran(await maintenance.runOnce());
    const older = partitionOf(new Date(Date.now() - 5 * DAY)).name;
    expect(await partitionHolding(testApp, event.id)).toEqual([older]);

    expect((await testApp.deliver(event).expect(200)).body).toEqual({ status: 'duplicate', eventId: event.id });
    const changed = { ...event, body: { ...event.body, status: 'read' } };
    expect((await testApp.deliver(changed).expect(200)).body).toEqual({ status: 'conflict', eventId: event.id });
    expect(await partitionHolding(testApp, event.id)).toEqual([older]);
    const found = await testApp.query(`/events/${event.id}`).expect(200);
    expect(found.body).toMatchObject({ id: event.id, state: 'processed', conflicts: [{ payload: changed }] });
    const conflicted = await testApp.query('/events?state=conflict').expect(200);
    expect(conflicted.body.items.map((item: { id: string }) => item.id)).toContain(event.id);
  });

  it('stores a re-delivery older than the dedupe window again, and its domain effect stays once', async () => {
    const messageId = randomUUID();
    const event = statusEvent(messageId);
    await testApp.deliver(event).expect(200);
    const before = await testApp.query(`/messages/${messageId}`).expect(200);
    await age(testApp, event.id, 8);
    const report = ran(await maintenance.runOnce());
    expect(report.deleted.webhook_event_ids).toBeGreaterThanOrEqual(1);
    expect(await rows(testApp, 'SELECT id FROM webhook_event_ids WHERE id = $1', [event.id])).toEqual([]);

    expect((await testApp.deliver(event).expect(200)).body).toEqual({ status: 'processed', eventId: event.id });
    expect(await partitionHolding(testApp, event.id)).toEqual([partitionOf(new Date(Date.now() - 8 * DAY)).name, partitionOf(new Date()).name]);
    expect(await rows(testApp, 'SELECT count(*)::int AS n FROM message_statuses WHERE event_id = $1', [event.id])).toEqual([{ n: 1 }]);
    // The state is what it was; only the bookkeeping updatedAt moves.
    expect({ ...(await testApp.query(`/messages/${messageId}`).expect(200)).body, updatedAt: undefined }).toEqual({ ...before.body, updatedAt: undefined });
    // The id lookup finds the latest version: the one the dedupe table points at again.
    const found = await testApp.query(`/events/${event.id}`).expect(200);
    expect(new Date(found.body.receivedAt).getTime()).toBeGreaterThan(Date.now() - DAY);
  });

  it('drops the partitions of days past EVENT_RETENTION whole, and keeps the rest', async () => {
    const old = statusEvent();
    const recent = statusEvent();
    await testApp.deliver(old).expect(200);
    await testApp.deliver(recent).expect(200);
    await age(testApp, old.id, 31);
    const oldDay = partitionOf(new Date(Date.now() - 31 * DAY)).name;

    const report = ran(await maintenance.runOnce());
    expect(report.partitionsCreated).toContain(oldDay);
    expect(report.partitionsDropped).toEqual([oldDay]);
    expect(await partitionsOf(testApp)).not.toContain(oldDay);
    await testApp.query(`/events/${old.id}`).expect(404);
    await testApp.query(`/events/${recent.id}`).expect(200);
  });

  it('drops expired partitions without making ingest wait while a long query holds the event store', async () => {
    // A day an earlier pass detached but did not get to drop, and an expired day still attached.
    const leftover = partitionOf(new Date(Date.now() - 34 * DAY)).name;
    await testApp.sql.query(`CREATE TABLE ${leftover} (LIKE webhook_events)`);
    const old = statusEvent();
    await testApp.deliver(old).expect(200);
    await age(testApp, old.id, 32);
    const expiring = partitionOf(new Date(Date.now() - 32 * DAY)).name;

    // A reader in an open transaction keeps the event store locked against attach and detach.
    const reader = new Client({ connectionString: testApp.database.url });
    await reader.connect();
    await reader.query('BEGIN');
    await reader.query('SELECT count(*) FROM webhook_events');
    const pass = maintenance.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await testApp.deliver(statusEvent()).expect(200);
      waits.push(Date.now() - started);
    }
    await reader.query('COMMIT');
    await reader.end();
    const report = ran(await pass);

    // A schema change that waits gives up after 50 ms and tries again later: ingest never queues long behind it.
    expect(Math.max(...waits)).toBeLessThan(1_000);
    expect(report.partitionsDropped).toEqual([leftover, expiring]);
    expect(await rows(testApp, `SELECT relname FROM pg_class WHERE relname = ANY($1::text[])`, [report.partitionsDropped])).toEqual([]);
  });

  it('deletes inbound messages and messages with their history past their retention, in batches', async () => {
    await testApp.sql.query(`
      INSERT INTO inbound_messages (id, event_id, from_phone, send_time, type, text)
      SELECT 'old-' || g, 'e-old-' || g, '+1555', now() - interval '40 days', 'text', 'hello' FROM generate_series(1, 2500) g`);
    await testApp.sql.query(`INSERT INTO inbound_messages (id, event_id, from_phone, send_time, type) VALUES ('fresh', 'e-fresh', '+1555', now(), 'text')`);
    await testApp.sql.query(`
      INSERT INTO inbound_media (message_id, link, state) VALUES ('old-7', 'https://vendor.example/m/7', 'stored'), ('fresh', 'https://vendor.example/m/f', 'stored')`);
    await testApp.sql.query(`
      INSERT INTO messages (id, status, status_rank, status_event_time, status_event_id, first_event_time, last_event_time)
      SELECT 'm-old-' || g, 'read', 3, now() - interval '40 days', 'e-m' || g, now() - interval '41 days', now() - interval '40 days' FROM generate_series(1, 1200) g`);
    await testApp.sql.query(`
      INSERT INTO message_statuses (event_id, message_id, status, status_rank, event_time)
      SELECT 's-old-' || g, 'm-old-' || (g % 1200 + 1), 'read', 3, now() - interval '40 days' FROM generate_series(1, 2400) g`);
    // Still active: its last status is recent even though its deciding one is old.
    await testApp.sql.query(`
      INSERT INTO messages (id, status, status_rank, status_event_time, status_event_id, first_event_time, last_event_time)
      VALUES ('m-active', 'read', 3, now() - interval '40 days', 'e-active', now() - interval '41 days', now())`);

    const report = ran(await maintenance.runOnce());
    expect(report.deleted).toMatchObject({ inbound_messages: 2500, messages: 1200, message_statuses: 2400 });
    expect(await rows(testApp, `SELECT id FROM inbound_messages`)).toEqual([{ id: 'fresh' }]);
    expect(await rows(testApp, `SELECT message_id FROM inbound_media`)).toEqual([{ message_id: 'fresh' }]);
    expect(await rows(testApp, `SELECT id FROM messages WHERE id LIKE 'm-%'`)).toEqual([{ id: 'm-active' }]);
    expect(await rows(testApp, `SELECT count(*)::int AS n FROM message_statuses WHERE event_id LIKE 's-old-%'`)).toEqual([{ n: 0 }]);
    expect(testApp.logs.some((line) => line.includes('Maintenance pass in') && line.includes('2500 inbound_messages'))).toBe(true);
  });

  it('deletes at most one batch of rows per statement', async () => {
    await testApp.sql.query(
      `
      INSERT INTO inbound_messages (id, event_id, from_phone, send_time, type)
      SELECT 'batch-' || g, 'e-batch-' || g, '+1777', now() - interval '50 days', 'text' FROM generate_series(1, $1::int) g`,
      [2 * BATCH_ROWS + 7],
    );
    const deletedPerStatement: number[] = [];
    const sql: Sql = async (text, parameters) => {
      const result = (await testApp.sql.query(text, parameters)).rows as { deleted: number }[];
      deletedPerStatement.push(result[0].deleted);
      return result as never;
    };
    const statement = `WITH gone AS (DELETE FROM inbound_messages WHERE id IN (SELECT id FROM inbound_messages WHERE from_phone = '+1777' LIMIT ${BATCH_ROWS}) RETURNING 1) SELECT count(*)::int AS deleted FROM gone`;
    const started = Date.now();
    expect(await deleteInBatches(sql, statement, [])).toBe(2 * BATCH_ROWS + 7);
    expect(deletedPerStatement).toEqual([BATCH_ROWS, BATCH_ROWS, 7]);
    // Paced: a pause after each full batch, so the deletes leave the database to ingest most of the time.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * MIN_PAUSE_MS);
  });

  it('paces the batches to the busy share it is given: a smaller share, longer pauses', async () => {
    let statements = 0;
    const slowBatch: Sql = async () => {
      statements += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return [{ deleted: statements < 3 ? BATCH_ROWS : 0 }] as never;
    };
    const timed = async (busyShare: number) => {
      statements = 0;
      const started = Date.now();
      await deleteInBatches(slowBatch, 'unused', [], { busyShare });
      return Date.now() - started;
    };
    // Three batches of 30 ms and two pauses: 30 ms each at a half share, 270 ms each at a tenth.
    expect(await timed(0.5)).toBeLessThan(400);
    expect(await timed(0.1)).toBeGreaterThanOrEqual(3 * 30 + 2 * 270 - 20);
  });

  it('deletes stats counts per minute past STATS_MINUTE_RETENTION and per hour past STATS_HOUR_RETENTION', async () => {
    for (const table of ['stats_event_counts', 'stats_inbound_counts']) {
      const key = table === 'stats_event_counts' ? `type, outcome` : `type`;
      const value = table === 'stats_event_counts' ? `'rollup-test', 'processed'` : `'rollup-test'`;
      await testApp.sql.query(`
        INSERT INTO ${table} (bucket_width, bucket_start, shard, ${key}, count)
        VALUES ('minute', date_trunc('minute', now() - interval '31 days'), 0, ${value}, 5),
               ('minute', date_trunc('minute', now() - interval '29 days'), 0, ${value}, 6),
               ('hour', date_trunc('hour', now() - interval '31 days'), 0, ${value}, 7),
               ('hour', date_trunc('hour', now() - interval '401 days'), 0, ${value}, 8)`);
    }

    const report = ran(await maintenance.runOnce());
    expect(report.deleted).toMatchObject({ stats_event_counts: 2, stats_inbound_counts: 2 });
    for (const table of ['stats_event_counts', 'stats_inbound_counts']) {
      expect(await rows(testApp, `SELECT bucket_width, count::int FROM ${table} WHERE type = 'rollup-test' ORDER BY count`)).toEqual([
        { bucket_width: 'minute', count: 6 },
        { bucket_width: 'hour', count: 7 },
      ]);
    }
    // The hour a day is read from is still there: a day-bucket query of that day still counts it.
    const day = new Date(Date.now() - 31 * DAY);
    const since = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate())).toISOString();
    const stats = await testApp.query(`/stats/inbound?bucket=day&since=${since}&until=${new Date(Date.parse(since) + DAY).toISOString()}`).expect(200);
    expect(stats.body.series).toEqual([expect.objectContaining({ type: 'rollup-test', total: 7 })]);
  });

  it('exposes what it did as metrics', async () => {
    const metrics = await testApp.query('/metrics').expect(200);
    expect(metrics.text).toMatch(/maintenance_passes_total\{result="done"\} [1-9]/);
    expect(metrics.text).toMatch(/maintenance_partitions_total\{action="dropped"\} [1-9]/);
    expect(metrics.text).toMatch(/maintenance_rows_deleted_total\{table="inbound_messages"\} 2500/);
  });
});

describe('maintenance across replicas', () => {
  it('runs on one instance at a time: the advisory lock makes the other skip its pass', async () => {
    const first = await startTestApp({ env: { INBOUND_RETENTION: '30d' } });
    const second = await startTestApp({ database: first.database, env: { INBOUND_RETENTION: '30d' } });
    try {
      await first.sql.query(`
        INSERT INTO inbound_messages (id, event_id, from_phone, send_time, type)
        SELECT 'lock-' || g, 'e-lock-' || g, '+1888', now() - interval '40 days', 'text' FROM generate_series(1, 20000) g`);
      const outcomes = await Promise.all([first, second].map((instance) => instance.app.get(MaintenanceService).runOnce()));
      expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1);
      expect(outcomes.filter((outcome) => !outcome.ran)).toEqual([{ ran: false, reason: 'locked' }]);
      expect(await rows(first, 'SELECT count(*)::int AS n FROM inbound_messages')).toEqual([{ n: 0 }]);
    } finally {
      await second.close({ keepDatabase: true });
      await first.close();
    }
  });
});
