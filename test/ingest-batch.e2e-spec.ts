import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { PreparedQuery } from '../src/database/prepared-query';
import { EventBus } from '../src/event-bus/event-bus';
import { EventBusModule } from '../src/event-bus/event-bus.module';
import type { StoredEvent, StoredEventsObserver } from '../src/event-bus/stored-events';
import type { Response } from 'supertest';
import { PARCEL_EVENT, PARCEL_TABLE, ParcelEventsModule } from './support/parcel-events.module';
import { rows, startTestApp, type TestApp } from './support/test-app';

/**
 * The ingest path's batches, formed on purpose: a second connection holds a lock the writer
 * needs, so the writer's first transaction waits and the events sent meanwhile queue up; released,
 * they go out in one batch (one transaction: their rows share its transaction id, xmin).
 */
function parcelEvent(body: Record<string, unknown> = {}) {
  return { id: randomUUID(), type: PARCEL_EVENT, eventTime: '2023-02-22T12:00:00.000Z', body: { parcelId: 'P-batch', scan: 'picked_up', ...body } };
}

/**
 * A stored-events observer whose statement, sent with the COMMIT, fails for chosen parcels: always
 * for P-commit-fails, and for P-commit-deadlocks the first time only (a deadlock, which is retried).
 */
const COMMIT_CHECK = `
  CREATE SEQUENCE test_commit_deadlocks;
  CREATE FUNCTION test_check_commit(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM test_parcel_scans WHERE event_id = ANY (ids) AND parcel_id = 'P-commit-fails') THEN
      RAISE EXCEPTION 'the commit check refuses this batch';
    END IF;
    IF EXISTS (SELECT 1 FROM test_parcel_scans WHERE event_id = ANY (ids) AND parcel_id = 'P-commit-deadlocks')
      AND nextval('test_commit_deadlocks') = 1 THEN
      RAISE EXCEPTION 'a deadlock at commit' USING ERRCODE = '40P01';
    END IF;
  END $$`;

@Injectable()
class CommitCheck implements StoredEventsObserver, OnModuleInit {
  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.observeStoredEvents(this);
  }

  async eventsStored(events: readonly StoredEvent[], query: PreparedQuery): Promise<void> {
    await query('SELECT test_check_commit($1::text[])', [events.map((event) => event.id)]);
  }
}

@Module({ imports: [EventBusModule], providers: [CommitCheck] })
class CommitCheckModule {}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting until ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the ingest batch', () => {
  let testApp: TestApp;
  let holder: Client;

  /** A request on its way, answered later. */
  const send = (envelope: object): Promise<Response> => testApp.deliver(envelope).then((response) => response);

  const writerWaitsOnLock = () =>
    until(async () => {
      const [{ waiting }] = await rows<{ waiting: number }>(
        testApp,
        "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      return waiting > 0;
    }, 'the writer waits on the held lock');

  const queued = (count: number) =>
    until(async () => {
      const metrics = (await testApp.query('/metrics').expect(200)).text;
      return metrics.includes(`webhook_ingest_queued_events ${count}\n`);
    }, `${count} events are queued`);

  /** Sends `envelopes` so that they are written by one transaction, and answers their responses. */
  async function inOneBatch(envelopes: object[]): Promise<Response[]> {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE webhook_events IN SHARE ROW EXCLUSIVE MODE');
    const first = send(parcelEvent());
    await writerWaitsOnLock();
    const answers = envelopes.map(send);
    await queued(envelopes.length);
    await holder.query('COMMIT');
    await first;
    return Promise.all(answers);
  }

  /** How many batches so far guessed wrong which of their events are new, and ran a second time. */
  const reruns = async () => {
    const metrics = (await testApp.query('/metrics').expect(200)).text;
    return Number(/^webhook_ingest_batch_reruns_total (\S+)$/m.exec(metrics)?.[1]);
  };

  /** Stores an event the way another instance stores it: the id claimed, the event in its partition, its handler run. */
  async function storedElsewhere(event: ReturnType<typeof parcelEvent>, hash: string): Promise<void> {
    await testApp.sql.query(`INSERT INTO webhook_event_ids (id, received_at, content_hash) VALUES ($1, now(), $2)`, [event.id, hash]);
    await testApp.sql.query(`INSERT INTO webhook_events (id, type, event_time, state, content_hash, payload) VALUES ($1, $2, now(), 'processed', $3, '{}')`, [
      event.id,
      PARCEL_EVENT,
      hash,
    ]);
    await testApp.sql.query(`INSERT INTO test_parcel_scans (event_id, parcel_id, scan) VALUES ($1, 'P-elsewhere', 'picked_up')`, [event.id]);
  }

  const scansOf = async (ids: string[]) =>
    rows<{ event_id: string; parcel_id: string }>(testApp, 'SELECT event_id, parcel_id FROM test_parcel_scans WHERE event_id = ANY($1) ORDER BY parcel_id', [
      ids,
    ]);

  const transactionsOf = async (ids: string[]) =>
    (await rows<{ transactions: number }>(testApp, 'SELECT count(DISTINCT xmin::text)::int AS transactions FROM webhook_events WHERE id = ANY($1)', [ids]))[0]
      .transactions;

  beforeAll(async () => {
    testApp = await startTestApp({ extraModules: [ParcelEventsModule, CommitCheckModule] });
    await testApp.sql.query(PARCEL_TABLE);
    await testApp.sql.query(COMMIT_CHECK);
    holder = new Client({ connectionString: testApp.database.url });
    await holder.connect();
  });

  afterAll(async () => {
    await holder.end();
    await testApp.close();
  });

  it('stores a healthy event beside a failing one of the same batch, undoing only the failing handler', async () => {
    const healthy = parcelEvent({ parcelId: 'P-healthy' });
    const failing = parcelEvent({ parcelId: 'P-failing', scan: 'explode' });
    const alsoHealthy = parcelEvent({ parcelId: 'P-healthy-too' });
    const answers = await inOneBatch([healthy, failing, alsoHealthy]);
    expect(answers.map((answer) => answer.body.status)).toEqual(['processed', 'failed', 'processed']);
    // (The failing event's row was updated to `failed` inside a savepoint, which has an xid of its own.)
    expect(await transactionsOf([healthy.id, alsoHealthy.id])).toBe(1);
    const scans = await rows(testApp, 'SELECT event_id FROM test_parcel_scans WHERE event_id = ANY($1) ORDER BY parcel_id', [
      [healthy.id, failing.id, alsoHealthy.id],
    ]);
    expect(scans).toEqual([{ event_id: healthy.id }, { event_id: alsoHealthy.id }]);
  });

  it('counts the events of each transaction in webhook_ingest_batch_events', async () => {
    const histogram = async () => {
      const metrics = (await testApp.query('/metrics').expect(200)).text;
      const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
      return {
        transactions: value('webhook_ingest_batch_events_count'),
        events: value('webhook_ingest_batch_events_sum'),
        upToFour: value('webhook_ingest_batch_events_bucket{le="4"}'),
        upToEight: value('webhook_ingest_batch_events_bucket{le="8"}'),
      };
    };
    const before = await histogram();
    await inOneBatch([parcelEvent(), parcelEvent(), parcelEvent(), parcelEvent(), parcelEvent()]);
    const after = await histogram();
    // The event sent first, alone while the lock was held, then the five together.
    expect(after.transactions - before.transactions).toBe(2);
    expect(after.events - before.events).toBe(6);
    expect(after.upToFour - before.upToFour).toBe(1);
    expect(after.upToEight - before.upToEight).toBe(2);
  });

  /** `first` alone in a transaction held at the lock; `behind` queue meanwhile and are begun in the write of its COMMIT. */
  async function behindOneAnother(first: object, behind: object[]): Promise<{ first: Response; behind: Response[] }> {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE webhook_events IN SHARE ROW EXCLUSIVE MODE');
    const firstAnswer = send(first);
    await writerWaitsOnLock();
    const behindAnswers = behind.map(send);
    await queued(behind.length);
    await holder.query('COMMIT');
    return { first: await firstAnswer, behind: await Promise.all(behindAnswers) };
  }

  const storedIds = async (ids: string[]) =>
    (await rows<{ id: string }>(testApp, 'SELECT id FROM webhook_events WHERE id = ANY($1) ORDER BY id', [ids])).map((row) => row.id);

  it('keeps the batch begun behind a COMMIT when that COMMIT fails, and answers the failed batch 503', async () => {
    const doomed = parcelEvent({ parcelId: 'P-commit-fails' });
    const behind = [parcelEvent({ parcelId: 'P-behind-1' }), parcelEvent({ parcelId: 'P-behind-2' })];
    const answers = await behindOneAnother(doomed, behind);
    expect(answers.first.status).toBe(503);
    expect(answers.behind.map((answer) => answer.body.status)).toEqual(['processed', 'processed']);
    const ids = [doomed.id, ...behind.map((event) => event.id)];
    expect(await storedIds(ids)).toEqual(behind.map((event) => event.id).sort());
    // The vendor re-sends the refused event; alone, it is refused again and still not stored.
    await testApp.deliver(doomed).expect(503);
    expect(await storedIds([doomed.id])).toEqual([]);
  });

  it('tries a batch again in a later transaction after a deadlock at its COMMIT, the batch behind it unharmed', async () => {
    const unlucky = parcelEvent({ parcelId: 'P-commit-deadlocks' });
    const behind = [parcelEvent({ parcelId: 'P-behind-3' }), parcelEvent({ parcelId: 'P-behind-4' })];
    const answers = await behindOneAnother(unlucky, behind);
    expect([answers.first, ...answers.behind].map((answer) => answer.body.status)).toEqual(['processed', 'processed', 'processed']);
    const ids = [unlucky.id, ...behind.map((event) => event.id)];
    expect(await storedIds(ids)).toEqual([...ids].sort());
    expect(await rows(testApp, 'SELECT count(*)::int AS scans FROM test_parcel_scans WHERE event_id = ANY($1)', [ids])).toEqual([{ scans: 3 }]);
  });

  it('handles the new events of a batch that also holds a re-delivery, and stores the re-delivery once', async () => {
    const earlier = parcelEvent({ parcelId: 'P-earlier' });
    await testApp.deliver(earlier).expect(200);
    const fresh = parcelEvent({ parcelId: 'P-fresh' });
    const rerunsBefore = await reruns();
    const answers = await inOneBatch([fresh, earlier, fresh]);
    expect(answers.map((answer) => answer.body.status)).toEqual(['processed', 'duplicate', 'duplicate']);
    expect(await rows(testApp, 'SELECT count(*)::int AS scans FROM test_parcel_scans WHERE event_id = ANY($1)', [[earlier.id, fresh.id]])).toEqual([
      { scans: 2 },
    ]);
    // This instance stored `earlier` itself: it guessed the re-delivery, and the batch ran once.
    expect(await reruns()).toBe(rerunsBefore);
  });

  it('runs a batch again, guarded, when it holds a re-delivery of an event another instance stored', async () => {
    const fresh = parcelEvent({ parcelId: 'P-fresh-beside' });
    const elsewhere = parcelEvent({ parcelId: 'P-sent-before' });
    await storedElsewhere(elsewhere, 'hash-elsewhere');
    const rerunsBefore = await reruns();
    const answers = await inOneBatch([fresh, elsewhere]);
    expect(answers.map((answer) => answer.body.status)).toEqual(['processed', 'conflict']);
    expect(await reruns()).toBe(rerunsBefore + 1);
    // The new event was handled once; the re-delivery's handler left no second scan.
    expect(await scansOf([fresh.id, elsewhere.id])).toEqual([
      { event_id: elsewhere.id, parcel_id: 'P-elsewhere' },
      { event_id: fresh.id, parcel_id: 'P-fresh-beside' },
    ]);
  });

  it('handles an event re-sent after its batch was refused, though this instance had seen its id', async () => {
    const doomed = parcelEvent({ parcelId: 'P-commit-fails' });
    const companion = parcelEvent({ parcelId: 'P-companion' });
    const refused = await inOneBatch([doomed, companion]);
    expect(refused.map((answer) => answer.status)).toEqual([503, 503]);
    expect(await storedIds([companion.id])).toEqual([]);
    const rerunsBefore = await reruns();
    const answer = await testApp.deliver(companion).expect(200);
    expect(answer.body.status).toBe('processed');
    expect(await reruns()).toBe(rerunsBefore + 1);
    expect(await scansOf([companion.id])).toEqual([{ event_id: companion.id, parcel_id: 'P-companion' }]);
  });

  it('sorts out duplicates and conflicts within one batch: the first of an id is stored, the same content is a duplicate', async () => {
    const event = parcelEvent({ parcelId: 'P-1' });
    const twin = { ...event, body: { parcelId: 'P-2', scan: 'picked_up' } };
    const answers = await inOneBatch([event, event, twin, twin]);
    expect(answers.map((answer) => answer.body.status)).toEqual(['processed', 'duplicate', 'conflict', 'conflict']);
    const [stored] = await rows<{ payload: unknown }>(testApp, 'SELECT payload FROM webhook_events WHERE id = $1', [event.id]);
    expect(stored.payload).toEqual(event);
    expect(await rows(testApp, 'SELECT count(*)::int AS versions FROM webhook_event_conflicts WHERE event_id = $1', [event.id])).toEqual([{ versions: 1 }]);
    expect(await rows(testApp, 'SELECT parcel_id FROM test_parcel_scans WHERE event_id = $1', [event.id])).toEqual([{ parcel_id: 'P-1' }]);
  });

  it('answers 503 for an event that waited in the queue too long, and stores it not', async () => {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE webhook_events IN SHARE ROW EXCLUSIVE MODE');
    const first = parcelEvent();
    const firstAnswer = send(first);
    await writerWaitsOnLock();
    const late = parcelEvent();
    const lateAnswer = send(late);
    await queued(1);
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    await holder.query('COMMIT');
    expect((await firstAnswer).status).toBe(200);
    expect((await lateAnswer).status).toBe(503);
    expect(await rows(testApp, 'SELECT id FROM webhook_events WHERE id = $1', [late.id])).toEqual([]);
  });

  it('reads again the stored version of an id a concurrent transaction committed while the INSERT waited', async () => {
    const event = parcelEvent({ parcelId: 'P-raced' });
    await holder.query('BEGIN');
    // Stored the way an instance stores it: the id claimed in webhook_event_ids, the event in its partition.
    await holder.query(`INSERT INTO webhook_event_ids (id, received_at, content_hash) VALUES ($1, now(), 'another-version')`, [event.id]);
    await holder.query(
      `INSERT INTO webhook_events (id, type, event_time, state, content_hash, payload) VALUES ($1, $2, now(), 'unhandled', 'another-version', '{}')`,
      [event.id, PARCEL_EVENT],
    );
    const answer = send(event);
    await writerWaitsOnLock();
    await holder.query('COMMIT');
    // Without the second read the INSERT's snapshot sees no stored row, and the answer would be a duplicate.
    expect((await answer).body.status).toBe('conflict');
    expect(await rows(testApp, 'SELECT count(*)::int AS versions FROM webhook_event_conflicts WHERE event_id = $1', [event.id])).toEqual([{ versions: 1 }]);
  });

  it('tries the whole batch again after a deadlock', async () => {
    const event = parcelEvent({ parcelId: 'P-deadlock' });
    await holder.query('BEGIN');
    // PostgreSQL breaks the deadlock in the session whose deadlock_timeout runs out first: the writer's.
    await holder.query("SET deadlock_timeout = '20s'");
    await holder.query(`INSERT INTO test_parcel_scans (event_id, parcel_id, scan) VALUES ($1, 'P-holder', 'picked_up')`, [event.id]);
    const answer = send(event);
    await writerWaitsOnLock();
    const logsBefore = testApp.logs.length;
    // Waits for the writer's uncommitted claim of the id, while the writer waits for this scan: a deadlock.
    await holder.query(`INSERT INTO webhook_event_ids (id, received_at, content_hash) VALUES ($1, now(), 'holder')`, [event.id]);
    await holder.query('ROLLBACK');
    await holder.query('RESET deadlock_timeout');
    expect((await answer).body.status).toBe('processed');
    expect(testApp.logs.slice(logsBefore).some((line) => line.includes('Retrying a batch') && line.includes('deadlock'))).toBe(true);
    expect(await rows(testApp, 'SELECT parcel_id FROM test_parcel_scans WHERE event_id = $1', [event.id])).toEqual([{ parcel_id: 'P-deadlock' }]);
  });
});
