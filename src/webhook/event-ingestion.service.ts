import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { statementPipelineOn, type PreparedQuery, type StatementPipeline } from '../database/prepared-query';
import { MetricsService } from '../metrics/metrics.service';
import { Environment } from '../config/environment';
import { EventBus, type EventVerdict } from '../event-bus/event-bus';
import type { BusEvent } from '../event-bus/event-handler';
import { canonicalJson, sha256Hex } from './content-hash.util';
import type { ReceivedEvent } from './webhook-envelope.dto';
import type { EventState } from './webhook-event.entity';

export type IngestStatus = EventState | 'duplicate' | 'conflict';

export interface IngestOutcome {
  status: IngestStatus;
  eventId: string;
}

interface Pending {
  event: ReceivedEvent;
  verdict: EventVerdict;
  hash: string;
  payload: string;
  queuedAt: number;
  resolve(outcome: IngestOutcome): void;
  reject(error: Error): void;
}

/** Thrown out of the fast path when a handler fails, to redo the batch with each handler isolated. */
class HandlerFailed extends Error {}

/** Most events a transaction takes; a larger queue is written by the next transactions. */
const MAX_BATCH = 256;
/**
 * Transactions in flight at once; each takes every event that arrived while the others ran. With a
 * batch down to two round trips, one writer with larger batches measured faster than two.
 */
const WRITERS = 1;
/** An event still queued after this long is answered 503 rather than kept waiting (SPEC 4.1: the vendor re-sends). */
const MAX_QUEUE_WAIT_MS = 3_000;
const MAX_ERROR_LENGTH = 2_000;
const DEADLOCK_RETRIES = 3;
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Inserts the batch's new events and answers with the ones it did not insert: ids already stored,
 * with the hash stored for them (none if a concurrent transaction stored the id after this
 * statement's snapshot was taken). Usually no row comes back.
 */
const INSERT_EVENTS = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[])
      AS e(id, type, event_time, state, reasons, content_hash, payload)
  ),
  inserted AS (
    INSERT INTO webhook_events (id, type, event_time, state, reasons, processed_at, content_hash, payload)
    SELECT id, type, event_time, state, reasons::jsonb, CASE WHEN state = 'processed' THEN now() END, content_hash, payload::jsonb FROM input
    ON CONFLICT (id) DO NOTHING
    RETURNING id
  )
  SELECT input.id, stored.content_hash AS stored_hash
  FROM input LEFT JOIN webhook_events stored ON stored.id = input.id
  WHERE NOT EXISTS (SELECT 1 FROM inserted WHERE inserted.id = input.id)`;

const STORED_HASHES = `SELECT id, content_hash FROM webhook_events WHERE id = ANY($1::text[])`;

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
  FROM unnest($1::text[], $2::text[]) AS f(id, error) WHERE w.id = f.id`;

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Stores each received event exactly once and runs its handler in the same transaction.
 *
 * Group commit: events that arrive while a transaction is running are written together by the
 * next one, and each request is answered only after the commit that holds its event. A batch
 * usually costs two round trips: the INSERT with the domain writes, then the commit. A handler
 * that throws sends the batch round again with every handler in its own savepoint, so only its
 * own writes are undone and its event is stored as `failed`.
 */
@Injectable()
export class EventIngestionService {
  private readonly logger = new Logger(EventIngestionService.name);
  private readonly queue: Pending[] = [];
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
        event,
        verdict,
        hash: sha256Hex(payload),
        payload,
        queuedAt: Date.now(),
        resolve,
        reject,
      });
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
    const taken = this.queue.splice(0, MAX_BATCH);
    for (const stale of taken.filter((pending) => pending.queuedAt < tooOld)) {
      stale.reject(new ServiceUnavailableException('The event store is overloaded; the event was not stored'));
    }
    return taken.filter((pending) => pending.queuedAt >= tooOld);
  }

  private async write(batch: Pending[]): Promise<void> {
    let runner: QueryRunner | undefined;
    try {
      runner = this.dataSource.createQueryRunner();
      const pipeline = await statementPipelineOn(runner);
      const outcomes = await this.commitWithRetries(runner, pipeline, batch);
      batch.forEach((pending, index) => pending.resolve(outcomes[index]));
    } catch (error) {
      this.logger.error(`Could not store ${batch.length} event(s): ${describeError(error)}`);
      const unavailable = new ServiceUnavailableException('The event could not be stored; please retry');
      batch.forEach((pending) => pending.reject(unavailable));
    } finally {
      await runner?.release();
    }
  }

  private async commitWithRetries(runner: QueryRunner, pipeline: StatementPipeline, batch: Pending[]): Promise<IngestOutcome[]> {
    let isolateHandlers = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.commit(runner, pipeline, batch, isolateHandlers);
      } catch (error) {
        if (error instanceof HandlerFailed && !isolateHandlers) {
          isolateHandlers = true;
        } else if (!(RETRYABLE.has((error as { code?: string }).code ?? '') && attempt < DEADLOCK_RETRIES)) {
          throw error;
        }
      }
    }
  }

  private async commit(runner: QueryRunner, pipeline: StatementPipeline, batch: Pending[], isolateHandlers: boolean): Promise<IngestOutcome[]> {
    const { query } = pipeline;
    const firstOfId = firstOfEachId(batch);
    const candidates = [...firstOfId.values()];
    const handledIfNew = candidates.filter((pending) => pending.verdict.kind === 'valid');

    try {
      // One round trip for the events and their handlers: re-deliveries are rare, so the handlers
      // run at once, behind a savepoint, as if every event were new. The savepoint undoes them when
      // the INSERT says otherwise.
      const { insert, speculation } = pipeline.sendTogether(() => {
        const begin = query('BEGIN', []);
        const insert = query<{ id: string; stored_hash: string | null }>(INSERT_EVENTS, [
          candidates.map((p) => p.event.id),
          candidates.map((p) => p.event.type),
          candidates.map((p) => p.event.eventTime.toISOString()),
          candidates.map((p) => initialState(p.verdict)),
          candidates.map((p) => (p.verdict.kind === 'invalid' ? JSON.stringify(p.verdict.reasons) : null)),
          candidates.map((p) => p.hash),
          candidates.map((p) => p.payload),
        ]);
        const speculate = !isolateHandlers && handledIfNew.length > 0;
        return {
          insert: Promise.all([begin, insert]).then(([, rows]) => rows),
          speculation: speculate ? settle(Promise.all([query('SAVEPOINT speculative', []), this.runHandlersByType(runner, query, handledIfNew)])) : undefined,
        };
      });
      const alreadyStored = await this.storedHashes(query, await insert);
      const speculated = await speculation;
      if (speculated?.ok === false) {
        throw speculated.error;
      }
      const speculationHolds = speculated !== undefined && alreadyStored.size === 0;

      const { outcomes, conflicts } = classify(batch, firstOfId, alreadyStored);

      // Undoing a speculation, recording conflicts and handling the new events: again one round trip.
      const handled = speculationHolds ? [] : candidates.filter((pending) => outcomes.get(pending) === 'processed');
      await pipeline.sendTogether(() =>
        Promise.all([
          speculated && !speculationHolds ? query('ROLLBACK TO SAVEPOINT speculative', []) : undefined,
          conflicts.length > 0
            ? query(INSERT_CONFLICTS, [
                conflicts.map((p) => p.event.id),
                conflicts.map((p) => p.hash),
                conflicts.map((p) => p.payload),
                this.environment.MAX_CONFLICT_VERSIONS,
              ])
            : undefined,
          handled.length > 0 && !isolateHandlers ? this.runHandlersByType(runner, query, handled) : undefined,
        ]),
      );
      const failures = isolateHandlers ? await this.runEachHandler(runner, query, handled) : [];
      for (const { pending } of failures) {
        outcomes.set(pending, 'failed');
      }
      if (failures.length > 0) {
        await query(MARK_FAILED, [failures.map((f) => f.pending.event.id), failures.map((f) => f.error)]);
      }
      await query('COMMIT', []);
      return batch.map((pending) => ({ status: outcomes.get(pending) as IngestStatus, eventId: pending.event.id }));
    } catch (error) {
      await query('ROLLBACK', []).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The stored hash of each id the INSERT found already there. One it could not see yet (stored
   * by a concurrent transaction since) is read again, now that it has committed.
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

  /** The fast path: each type's events go to its handler together. */
  private async runHandlersByType(runner: QueryRunner, query: PreparedQuery, handled: Pending[]): Promise<{ pending: Pending; error: string }[]> {
    const byType = new Map<string, Pending[]>();
    for (const pending of handled) {
      const ofType = byType.get(pending.event.type) ?? [];
      ofType.push(pending);
      byType.set(pending.event.type, ofType);
    }
    // The connection runs the statements in call order, so the types keep a fixed order (concurrent
    // transactions then lock domain rows in the same order) while no handler waits for the others.
    const types = [...byType].sort(([a], [b]) => (a < b ? -1 : 1));
    try {
      await Promise.all(types.map(([type, pendings]) => this.bus.dispatch(type, pendings.map(busEvent), { manager: runner.manager, query })));
    } catch (error) {
      throw new HandlerFailed(describeError(error));
    }
    return [];
  }

  /** After a failure: every event on its own, in a savepoint, so only the failing ones are undone. */
  private async runEachHandler(runner: QueryRunner, query: PreparedQuery, handled: Pending[]): Promise<{ pending: Pending; error: string }[]> {
    const failures: { pending: Pending; error: string }[] = [];
    for (const pending of handled) {
      await runner.query('SAVEPOINT handler');
      try {
        await this.bus.dispatch(pending.event.type, [busEvent(pending)], { manager: runner.manager, query });
        await runner.query('RELEASE SAVEPOINT handler');
      } catch (error) {
        await runner.query('ROLLBACK TO SAVEPOINT handler');
        this.logger.warn(`Handler for ${pending.event.type} failed on event ${pending.event.id}: ${describeError(error)}`);
        failures.push({ pending, error: describeError(error) });
      }
    }
    return failures;
  }
}

/** The first event of each id in the batch, in id order: concurrent writers (or instances) then lock rows in the same order. */
function firstOfEachId(batch: Pending[]): Map<string, Pending> {
  const firstOfId = new Map<string, Pending>();
  for (const pending of [...batch].sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0))) {
    if (!firstOfId.has(pending.event.id)) {
      firstOfId.set(pending.event.id, pending);
    }
  }
  return firstOfId;
}

/**
 * What became of each event: new (its initial state), a duplicate of the stored or batch-mate
 * version with the same content, or a conflict with it.
 */
function classify(
  batch: Pending[],
  firstOfId: Map<string, Pending>,
  alreadyStored: Map<string, string>,
): { outcomes: Map<Pending, IngestStatus>; conflicts: Pending[] } {
  const outcomes = new Map<Pending, IngestStatus>();
  const conflicts: Pending[] = [];
  for (const pending of batch) {
    const id = pending.event.id;
    const first = firstOfId.get(id) as Pending;
    const storedHash = alreadyStored.has(id) ? alreadyStored.get(id) : first.hash;
    if (!alreadyStored.has(id) && first === pending) {
      outcomes.set(pending, initialState(pending.verdict));
    } else if (storedHash === pending.hash) {
      outcomes.set(pending, 'duplicate');
    } else {
      outcomes.set(pending, 'conflict');
      conflicts.push(pending);
    }
  }
  return { outcomes, conflicts };
}

/** A promise's outcome as a value, so a rejection that is looked at later is never reported as unhandled. */
function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function busEvent(pending: Pending): BusEvent {
  return { body: (pending.verdict as Extract<EventVerdict, { kind: 'valid' }>).body, eventId: pending.event.id, eventTime: pending.event.eventTime };
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
