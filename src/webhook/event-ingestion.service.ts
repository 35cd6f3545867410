import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DataSource, type QueryRunner } from 'typeorm';
import { statementPipelineOn, type PreparedQuery, type StatementPipeline } from '../database/prepared-query';
import { adoptRawTransaction, forgetRawTransaction } from '../database/raw-transaction';
import { MetricsService } from '../metrics/metrics.service';
import { Environment } from '../config/environment';
import { EventBus, isRetryable, type EventTransaction, type EventVerdict, type TypedBusEvent } from '../event-bus/event-bus';
import type { StoredEvent } from '../event-bus/stored-events';
import { classifyBatch, firstOfEachId, nextBatchLength, type BatchItem, type IngestStatus } from './ingest-batch.rules';
import { canonicalJson, sha256Hex } from './content-hash.util';
import { COUNT_REDELIVERIES, countReceivedEvents, redeliveriesOf, redeliveryCountParams, type Redelivery } from './event-counts.sql';
import { RecentEventIds } from './recent-event-ids.cache';
import type { ReceivedEvent } from './webhook-envelope.dto';
import type { EventState } from './webhook-event.entity';

export type { IngestStatus } from './ingest-batch.rules';

export interface IngestOutcome {
  status: IngestStatus;
  eventId: string;
}

interface Pending extends BatchItem {
  event: ReceivedEvent;
  verdict: EventVerdict;
  payload: string;
  queuedAt: number;
  /** Transactions that rolled back on a deadlock with this event in them. */
  retries: number;
  resolve(outcome: IngestOutcome): void;
  reject(error: Error): void;
}

interface HandlerFailure {
  pending: Pending;
  error: string;
}

/** Most events a transaction takes; a larger queue is written by the next transactions. */
const MAX_BATCH = 256;
/** Most payload characters a transaction takes (beyond its first event): bounds one statement's size and memory. */
const MAX_BATCH_CHARACTERS = 8 * 1024 * 1024;
/**
 * Transactions in flight at once; each takes every event that arrived while the others ran. With a
 * batch down to two round trips, one writer with larger batches measured faster than two.
 */
const WRITERS = 1;
/** An event still queued after this long is answered 503 rather than kept waiting (the vendor re-sends what was not acknowledged). */
const MAX_QUEUE_WAIT_MS = 3_000;
const MAX_ERROR_LENGTH = 2_000;
const DEADLOCK_RETRIES = 3;
/**
 * Ids remembered to guess re-deliveries by (about 100 bytes each): the vendor re-sends an event it
 * saw no answer for within minutes, so a batch's re-deliveries are usually among them.
 */
const RECENT_IDS = 65_536;

/**
 * Claims each new id in webhook_event_ids, inserts the events it could claim, and answers with the
 * ones it did not: ids already stored within the dedupe window, with the hash stored for them (none
 * if a concurrent transaction claimed the id after this statement's snapshot was taken). Usually no
 * row comes back. The claim, not the partitioned table, keeps ids unique: the original of a
 * re-delivery may lie in another day's partition. `now()` is the received time of both rows. The
 * events inserted are counted for GET /stats/events in the same statement.
 */
const INSERT_EVENTS = `
  WITH input AS (
    SELECT e.id, e.type, e.event_time, e.state, e.reasons, e.content_hash, p.payload
    FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
      AS e(id, type, event_time, state, reasons, content_hash, ord)
    JOIN jsonb_array_elements($7::jsonb) WITH ORDINALITY AS p(payload, ord) ON p.ord = e.ord
  ),
  claimed AS (
    INSERT INTO webhook_event_ids (id, received_at, content_hash)
    SELECT id, now(), content_hash FROM input
    ON CONFLICT (id) DO NOTHING
    RETURNING id
  ),
  inserted AS (
    INSERT INTO webhook_events (id, type, event_time, state, reasons, processed_at, content_hash, payload)
    SELECT id, type, event_time, state, reasons::jsonb, CASE WHEN state = 'processed' THEN now() END, content_hash, payload
    FROM input WHERE id IN (SELECT id FROM claimed)
    RETURNING type, state
  ),
  counted AS (${countReceivedEvents('SELECT type, state FROM inserted')})
  SELECT input.id, stored.content_hash AS stored_hash
  FROM input LEFT JOIN webhook_event_ids stored ON stored.id = input.id
  WHERE NOT EXISTS (SELECT 1 FROM claimed WHERE claimed.id = input.id)`;

const STORED_HASHES = `SELECT id, content_hash FROM webhook_event_ids WHERE id = ANY($1::text[])`;

/**
 * Keeps each new conflicting version while its id has fewer than $4 (MAX_CONFLICT_VERSIONS)
 * versions kept, and counts the others, so one id cannot grow the store without bound.
 */
const INSERT_CONFLICTS = `
  WITH input AS (
    SELECT DISTINCT ON (event_id, content_hash) event_id, content_hash, payload, ord
    FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS c(event_id, content_hash, payload, ord)
    WHERE NOT EXISTS (SELECT 1 FROM webhook_event_conflicts k WHERE k.event_id = c.event_id AND k.content_hash = c.content_hash)
    ORDER BY event_id, content_hash, ord
  ),
  ranked AS (
    SELECT input.*, row_number() OVER (PARTITION BY event_id ORDER BY ord)
      + (SELECT count(*) FROM webhook_event_conflicts k WHERE k.event_id = input.event_id) <= $4::int AS kept
    FROM input
  ),
  inserted AS (
    INSERT INTO webhook_event_conflicts (event_id, content_hash, payload)
    SELECT event_id, content_hash, payload::jsonb FROM ranked WHERE kept
    ON CONFLICT (event_id, content_hash) DO NOTHING
  )
  INSERT INTO webhook_event_dropped_conflicts AS d (event_id, dropped)
  SELECT event_id, count(*) FROM ranked WHERE NOT kept GROUP BY event_id
  ON CONFLICT (event_id) DO UPDATE SET dropped = d.dropped + EXCLUDED.dropped, last_received_at = now()`;

const MARK_FAILED = `
  UPDATE webhook_events AS w SET state = 'failed', error = f.error, processed_at = NULL
  FROM unnest($1::text[], $2::text[]) AS f(id, error) WHERE w.id = f.id AND w.received_at = now()`;

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Stores each received event exactly once and runs its handler in the same transaction.
 *
 * Group commit: events that arrive while a transaction is running are written together by the
 * next one, and each request is answered only after the commit that holds its event. A batch
 * usually costs two round trips: the INSERT with the handlers' writes, then the commit; under
 * load, the next batch's INSERT follows the commit on the connection without waiting for it.
 *
 * The handlers run at once, before the INSERT has said which events are new, on a guess: every
 * event is new except those whose id this process began to store recently. The first run takes no
 * savepoint. When the guess fails (or a handler throws), the transaction is rolled back and run
 * again guarded: the handlers behind a savepoint, as if every event were new; that savepoint is
 * undone for a re-delivery, and after a throw each new event is handled in a savepoint of its own,
 * so a failing handler undoes only its own writes and its event is stored as `failed`.
 */
@Injectable()
export class EventIngestionService {
  private readonly logger = new Logger(EventIngestionService.name);
  private readonly queue: Pending[] = [];
  private readonly recentIds = new RecentEventIds(RECENT_IDS);
  private writersBusy = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly metrics: MetricsService,
    private readonly environment: Environment,
  ) {}

  async receive(event: ReceivedEvent): Promise<IngestOutcome> {
    const stopTimer = this.metrics.ingestDuration.startTimer();
    // Types no module handles are counted together: a sender must not grow the label set.
    const type = this.bus.handles(event.type) ? event.type : 'other';
    try {
      const outcome = await this.store(event);
      this.metrics.eventsReceived.inc({ type, outcome: outcome.status });
      return outcome;
    } catch (error) {
      this.metrics.eventsReceived.inc({ type, outcome: 'unavailable' });
      throw error;
    } finally {
      stopTimer();
    }
  }

  private store(event: ReceivedEvent): Promise<IngestOutcome> {
    const verdict = this.bus.judge(event.type, event.body);
    // One serialization serves both: jsonb keeps no key order, so the canonical text stores the same value.
    const payload = canonicalJson(event.raw);
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: event.id,
        hash: sha256Hex(payload),
        initialState: initialState(verdict),
        event,
        verdict,
        payload,
        queuedAt: Date.now(),
        retries: 0,
        resolve,
        reject,
      });
      this.metrics.ingestQueue.set(this.queue.length);
      this.startWriters();
    });
  }

  private startWriters(): void {
    while (this.writersBusy < WRITERS && this.queue.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) {
        continue;
      }
      this.writersBusy++;
      void this.write(batch).finally(() => {
        this.writersBusy--;
        this.startWriters();
      });
    }
  }

  private takeBatch(): Pending[] {
    const tooOld = Date.now() - MAX_QUEUE_WAIT_MS;
    const taken = this.queue.splice(0, nextBatchLength(this.queuedPayloadLengths(), MAX_BATCH, MAX_BATCH_CHARACTERS));
    this.metrics.ingestQueue.set(this.queue.length);
    for (const stale of taken.filter((pending) => pending.queuedAt < tooOld)) {
      stale.reject(new ServiceUnavailableException('The event store is overloaded; the event was not stored'));
    }
    const fresh = taken.filter((pending) => pending.queuedAt >= tooOld);
    if (fresh.length > 0) {
      this.metrics.ingestBatchSize.observe(fresh.length);
    }
    return fresh;
  }

  /** The payload lengths at the head of the queue, as many as a batch could take. */
  private queuedPayloadLengths(): number[] {
    return this.queue.slice(0, MAX_BATCH).map((pending) => pending.payload.length);
  }

  /**
   * Writes batches on one connection while events keep coming. The next batch (the events that
   * arrived meanwhile) is begun right behind this one's COMMIT on the connection, so PostgreSQL
   * usually starts it as soon as the commit is on disk, before this batch's answers are even read.
   */
  private async write(first: Pending[]): Promise<void> {
    let runner: QueryRunner | undefined;
    let batch: Pending[] | undefined = first;
    let begun: Begun | undefined;
    try {
      runner = this.dataSource.createQueryRunner();
      const pipeline = await statementPipelineOn(runner);
      const transaction: EventTransaction = { runner, query: pipeline.query };
      while (batch) {
        const handOff = new HandOff(() => {
          const taken = this.takeBatch();
          return taken.length === 0 ? undefined : { batch: taken, begun: this.begin(transaction, pipeline, taken) };
        });
        try {
          const outcomes = await this.commitWithRetries(transaction, pipeline, batch, begun, handOff);
          batch.forEach((pending, index) => pending.resolve(outcomes[index]));
        } catch (error) {
          if (!handOff.next) {
            throw error;
          }
          // The next batch is already on the connection: this one is tried again in a later batch.
          this.retryLater(batch, error);
        }
        ({ batch, begun } = handOff.next ?? { batch: undefined, begun: undefined });
      }
    } catch (error) {
      const failed = batch ?? [];
      this.logger.error(`Could not store ${failed.length} event(s): ${describeError(error)}`);
      const unavailable = new ServiceUnavailableException('The event could not be stored; please retry');
      failed.forEach((pending) => pending.reject(unavailable));
    } finally {
      await runner?.release();
    }
  }

  /** A batch that rolled back behind a begun successor: its events go back to the head of the queue, or get 503. */
  private retryLater(batch: Pending[], error: unknown): void {
    const again = isRetryable(error) ? batch.filter((pending) => ++pending.retries <= DEADLOCK_RETRIES) : [];
    const given = batch.filter((pending) => !again.includes(pending));
    if (again.length > 0) {
      this.logger.warn(`Retrying ${again.length} event(s) in a later batch after ${describeError(error)}`);
      this.queue.unshift(...again);
    }
    if (given.length > 0) {
      this.logger.error(`Could not store ${given.length} event(s): ${describeError(error)}`);
      const unavailable = new ServiceUnavailableException('The event could not be stored; please retry');
      given.forEach((pending) => pending.reject(unavailable));
    }
  }

  /**
   * A deadlock or serialization failure rolls the whole batch back; it is then tried again from the
   * start, guarded. So is a batch whose first run guessed wrong.
   */
  private async commitWithRetries(
    transaction: EventTransaction,
    pipeline: StatementPipeline,
    batch: Pending[],
    begun: Begun | undefined,
    handOff: HandOff,
  ): Promise<IngestOutcome[]> {
    let guarded = false;
    for (let retries = 0; ; ) {
      try {
        return await this.commit(transaction, pipeline, batch, begun ?? this.begin(transaction, pipeline, batch, guarded), handOff);
      } catch (error) {
        if (error instanceof GuessFailed) {
          this.metrics.ingestBatchReruns.inc();
        } else if (handOff.next || !isRetryable(error) || ++retries > DEADLOCK_RETRIES) {
          throw error;
        } else {
          this.logger.warn(`Retrying a batch of ${batch.length} event(s) after ${describeError(error)}`);
        }
        // Its ids are among the recent ones now: a second unguarded run would take them all for re-deliveries.
        guarded = true;
        begun = undefined;
      }
    }
  }

  /**
   * Step 1, sent: the batch's INSERT and its handlers' first statements, in one write. Unguarded,
   * the events of ids this process began to store before are left to the INSERT: most likely
   * re-deliveries, handled only if it finds them new, in a guarded run.
   */
  private begin(transaction: EventTransaction, pipeline: StatementPipeline, batch: Pending[], guarded = false): Begun {
    const firstOfId = firstOfEachId(batch);
    const candidates = [...firstOfId.values()];
    const valid = candidates.filter((pending) => pending.verdict.kind === 'valid');
    const speculated = guarded ? valid : valid.filter((pending) => !this.recentIds.has(pending.event.id));
    candidates.forEach((pending) => this.recentIds.add(pending.event.id));
    return { firstOfId, candidates, speculated, guarded, ...this.insertAndSpeculate(transaction, pipeline, candidates, speculated, guarded) };
  }

  /**
   * One transaction for the batch, begun by `begin`:
   * 1. insert the events and run the handlers speculatively (one round trip);
   * 2. read again the ids a concurrent transaction stored meanwhile;
   * 3. classify each event: new, duplicate or conflict;
   * 4. keep the speculation if it guessed right; guarded, undo it and handle the new events again,
   *    one by one after a throw; unguarded, roll everything back for a guarded run (GuessFailed);
   * 5. record conflicts and failures, and commit; the next batch follows one turn of the event
   *    loop later, right behind the COMMIT on the connection.
   */
  private async commit(transaction: EventTransaction, pipeline: StatementPipeline, batch: Pending[], begun: Begun, handOff: HandOff): Promise<IngestOutcome[]> {
    const { runner, query } = transaction;
    const { firstOfId, candidates, speculation } = begun;
    try {
      const notInserted = await begun.notInserted;
      const speculated = await speculation;
      if (!begun.guarded && typeof speculated === 'object') {
        throw isRetryable(speculated.error) ? speculated.error : new GuessFailed();
      }
      const alreadyStored = await this.storedHashes(query, notInserted);
      const { outcomes, conflicts } = classifyBatch(batch, firstOfId, alreadyStored);
      const handled = candidates.filter((pending) => outcomes.get(pending) === 'processed');
      if (!begun.guarded && !sameEvents(handled, begun.speculated)) {
        throw new GuessFailed();
      }
      const failures = begun.guarded ? await this.settleHandlers(transaction, pipeline, speculated, handled, alreadyStored.size === 0) : [];
      failures.forEach(({ pending }) => outcomes.set(pending, 'failed'));
      const stored = candidates.flatMap((pending) => storedEvent(pending, outcomes.get(pending) as IngestStatus));
      await this.recordAndCommit(pipeline, conflicts, failures, redeliveriesOf(batch, outcomes), stored, handOff);
      return batch.map((pending) => ({ status: outcomes.get(pending) as IngestStatus, eventId: pending.event.id }));
    } catch (error) {
      // Once the COMMIT is sent, the database ends the transaction (rolled back if a statement
      // failed); a ROLLBACK now would end the next batch's. Before that, no handler may still be
      // writing once the transaction ends: its statement would run outside it.
      if (!handOff.next) {
        await speculation;
        await query('ROLLBACK', []).catch(() => undefined);
      }
      throw error;
    } finally {
      if (!handOff.next) {
        forgetRawTransaction(runner);
      }
    }
  }

  /**
   * Step 1. Re-deliveries are rare, so the handlers of `speculated` run at once, as if those events
   * were new (behind a savepoint when `guarded`): the events and their handlers' first statements
   * go out in one write.
   */
  private insertAndSpeculate(
    transaction: EventTransaction,
    pipeline: StatementPipeline,
    candidates: Pending[],
    speculated: Pending[],
    guarded: boolean,
  ): { notInserted: Promise<{ id: string; stored_hash: string | null }[]>; speculation: Promise<Speculation> } {
    const { runner, query } = transaction;
    return pipeline.sendTogether(() => {
      const begin = query('BEGIN', []);
      adoptRawTransaction(runner);
      const insert = query<{ id: string; stored_hash: string | null }>(INSERT_EVENTS, [
        candidates.map((p) => p.event.id),
        candidates.map((p) => p.event.type),
        candidates.map((p) => p.event.eventTime.toISOString()),
        candidates.map((p) => p.initialState),
        candidates.map((p) => (p.verdict.kind === 'invalid' ? JSON.stringify(p.verdict.reasons) : null)),
        candidates.map((p) => p.hash),
        // One JSON array of the payloads, which are JSON texts already: nothing to escape, unlike a text[] literal.
        `[${candidates.map((p) => p.payload).join(',')}]`,
      ]);
      const speculation: Promise<Speculation> =
        speculated.length === 0 ? Promise.resolve('none') : this.handleTogether(transaction, speculated, guarded).then((error) => error ?? 'held');
      return { notInserted: Promise.all([begin, insert]).then(([, rows]) => rows), speculation };
    });
  }

  /**
   * Step 4. The speculation stands when it succeeded and every event was new. Otherwise it is
   * undone; the new events are handled together again if the speculation only failed on a
   * re-delivery, and each on its own when a handler threw.
   */
  private async settleHandlers(
    transaction: EventTransaction,
    pipeline: StatementPipeline,
    speculation: Speculation,
    handled: Pending[],
    allNew: boolean,
  ): Promise<HandlerFailure[]> {
    if (speculation === 'none' || (speculation === 'held' && allNew)) {
      return [];
    }
    const { query } = transaction;
    if (speculation !== 'held') {
      if (isRetryable(speculation.error)) {
        throw speculation.error;
      }
      await query('ROLLBACK TO SAVEPOINT speculative', []);
      return this.handleEach(transaction, handled);
    }
    const undo = query('ROLLBACK TO SAVEPOINT speculative', []);
    if (handled.length === 0) {
      await undo;
      return [];
    }
    const again = pipeline.sendTogether(() => this.handleTogether(transaction, handled, true));
    await undo;
    const failed = await again;
    if (failed === undefined) {
      return [];
    }
    if (isRetryable(failed.error)) {
      throw failed.error;
    }
    await query('ROLLBACK TO SAVEPOINT speculative', []);
    return this.handleEach(transaction, handled);
  }

  /** Every type's events to its handler at once, behind the `speculative` savepoint when `guarded`; resolves to the error if one threw. */
  private async handleTogether(transaction: EventTransaction, pendings: Pending[], guarded: boolean): Promise<{ error: unknown } | undefined> {
    // Both are issued before the first await, so they go out in the caller's write.
    const settled = await Promise.allSettled([
      guarded ? transaction.query('SAVEPOINT speculative', []) : undefined,
      this.bus.dispatchTogether(pendings.map(busEvent), transaction),
    ]);
    const failed = settled.find((result) => result.status === 'rejected');
    return failed ? { error: failed.reason } : undefined;
  }

  /** After a handler threw: every event on its own, in a savepoint, so only the failing ones are undone. */
  private async handleEach(transaction: EventTransaction, handled: Pending[]): Promise<HandlerFailure[]> {
    const failures: HandlerFailure[] = [];
    for (const pending of handled) {
      const failed = await this.bus.dispatchIsolated(busEvent(pending), transaction);
      if (failed) {
        this.logger.warn(`Handler for ${pending.event.type} failed on event ${pending.event.id}: ${describeError(failed.error)}`);
        failures.push({ pending, error: describeError(failed.error) });
      }
    }
    return failures;
  }

  /**
   * Step 5: the conflicting versions, the failures, the count of re-deliveries (for GET /stats/events),
   * the stored events' observers and the commit, in one write; then the next batch's step 1.
   */
  private async recordAndCommit(
    pipeline: StatementPipeline,
    conflicts: Pending[],
    failures: HandlerFailure[],
    redeliveries: Redelivery[],
    stored: StoredEvent[],
    handOff: HandOff,
  ): Promise<void> {
    const { query } = pipeline;
    const written = pipeline.sendTogether(() =>
      Promise.all([
        redeliveries.length > 0 ? query(COUNT_REDELIVERIES, redeliveryCountParams(redeliveries)) : undefined,
        conflicts.length > 0
          ? query(INSERT_CONFLICTS, [
              conflicts.map((p) => p.event.id),
              conflicts.map((p) => p.hash),
              conflicts.map((p) => p.payload),
              this.environment.MAX_CONFLICT_VERSIONS,
            ])
          : undefined,
        failures.length > 0 ? query(MARK_FAILED, [failures.map((f) => f.pending.event.id), failures.map((f) => f.error)]) : undefined,
        this.bus.eventsStored(stored, query),
        query('COMMIT', []),
      ]),
    );
    // Awaited below, after the next batch is begun; until then a failure must not count as unhandled.
    written.catch(() => undefined);
    // One turn of the event loop first: the requests whose bytes have already arrived are read and
    // queued, so the next batch takes them too (about 10% more events a batch under the bench).
    // The turn overlaps the commit's flush to disk (about 0.3 ms on the bench machine), so the
    // batch usually reaches PostgreSQL no later than before.
    await nextTurn();
    handOff.beginNext();
    await written;
  }

  /**
   * Step 2. The stored hash of each id the INSERT found already there. One it could not see yet
   * (stored by a concurrent transaction since) is read again, now that it has committed.
   */
  private async storedHashes(query: PreparedQuery, notInserted: { id: string; stored_hash: string | null }[]): Promise<Map<string, string>> {
    const hashes = new Map(notInserted.map((row) => [row.id, row.stored_hash]));
    const unseen = notInserted.filter((row) => row.stored_hash === null).map((row) => row.id);
    if (unseen.length > 0) {
      const rows = await query<{ id: string; content_hash: string }>(STORED_HASHES, [unseen]);
      rows.forEach((row) => hashes.set(row.id, row.content_hash));
    }
    return hashes as Map<string, string>;
  }
}

/** How the speculative run of the handlers went: none to run, all succeeded, or one threw. */
type Speculation = 'none' | 'held' | { error: unknown };

/** A batch's step 1, sent: its events (the first of each id) and what its INSERT and speculative handlers will answer. */
interface Begun {
  firstOfId: Map<string, Pending>;
  candidates: Pending[];
  /** The events whose handlers ran on the guess that they are new. */
  speculated: Pending[];
  /** Whether those handlers ran behind a savepoint, so that the transaction can outlive a wrong guess. */
  guarded: boolean;
  notInserted: Promise<{ id: string; stored_hash: string | null }[]>;
  speculation: Promise<Speculation>;
}

/**
 * The batch that follows on the same connection, begun right behind a COMMIT. Once it is begun,
 * the committing batch can no longer be rolled back or retried on the connection.
 */
class HandOff {
  next?: { batch: Pending[]; begun: Begun };

  constructor(private readonly beginBatch: () => { batch: Pending[]; begun: Begun } | undefined) {}

  beginNext(): void {
    this.next = this.beginBatch();
  }
}

/** An unguarded first run guessed wrong: the transaction is rolled back and the batch run again, guarded. */
class GuessFailed extends Error {}

/** Whether two lists, each without repeats, hold the same events. */
function sameEvents(some: readonly Pending[], others: readonly Pending[]): boolean {
  const set = new Set(others);
  return some.length === others.length && some.every((pending) => set.has(pending));
}

function busEvent(pending: Pending): TypedBusEvent {
  return {
    type: pending.event.type,
    body: (pending.verdict as Extract<EventVerdict, { kind: 'valid' }>).body,
    eventId: pending.event.id,
    eventTime: pending.event.eventTime,
  };
}

/** The event as stored by this batch, for the observers; none for a re-delivery or a conflicting version. */
function storedEvent(pending: Pending, outcome: IngestStatus): StoredEvent[] {
  return outcome === 'duplicate' || outcome === 'conflict' ? [] : [{ id: pending.event.id, type: pending.event.type, state: outcome }];
}

function initialState(verdict: EventVerdict): EventState {
  switch (verdict.kind) {
    case 'unhandled':
      return 'unhandled';
    case 'invalid':
      return 'invalid';
    case 'valid':
      return 'processed';
  }
}
