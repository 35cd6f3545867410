import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { setMaxListeners } from 'node:events';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { JobQueue, type RunningJob } from '../jobs/job-queue';
import { DeliveryRelay, FORWARD_QUEUE, ROUNDS_PER_JOB, type ForwardJob } from './delivery-relay.service';
import { failedTooLong, nextAttemptDelay } from './delivery-schedule.rules';
import { forwardPayload, webhookIdFor } from './forward-payload.rules';
import { ForwardingMetrics } from './forwarding.metrics';
import { IngestPressure } from './ingest-pressure';
import { ATTEMPT_TIMEOUT_MS, closeConnections, postSigned, type AttemptResult } from './http-attempt';
import { signatureHeader, signingSecrets } from './signing-secret.rules';

/** Batches running at once in one instance, each for a different destination. */
const WORKERS = 8;

interface DeliveryToSend {
  seq: string;
  state: string;
  attempts: number;
  event_id: string;
  destination_id: string;
  url: string;
  enabled: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  envelope: string | null;
  type: string;
  event_time: Date;
  received_at: Date;
  outcome: string;
}

interface Settled {
  delivery: DeliveryToSend;
  attemptedAt: Date;
  result: AttemptResult;
}

/**
 * The event is found through webhook_event_ids, which holds its received_at: the event table is
 * partitioned by it, and a look-up by id alone probes every partition's index. Only an event
 * older than the dedupe window (its id forgotten there, replayed since) is looked up by id alone.
 */
const LOAD = `
  SELECT f.seq, f.state, f.attempts, f.event_id, d.id AS destination_id, d.url, d.enabled,
         d.secret, d.previous_secret, d.previous_secret_expires_at,
         e.payload::text AS envelope, e.type, e.event_time, e.received_at, e.state AS outcome
  FROM forward_deliveries f
  JOIN destinations d ON d.id = f.destination_id
  LEFT JOIN webhook_event_ids i ON i.id = f.event_id
  LEFT JOIN LATERAL (
    (SELECT payload, type, event_time, received_at, state FROM webhook_events WHERE id = f.event_id AND received_at = i.received_at)
    UNION ALL
    (SELECT payload, type, event_time, received_at, state FROM webhook_events WHERE id = f.event_id AND i.received_at IS NULL ORDER BY received_at DESC LIMIT 1)
    LIMIT 1
  ) e ON true
  WHERE f.seq = ANY ($1::bigint[])`;

/**
 * Records a batch's attempts (on each delivery, and one row each in its history) and, in the same
 * statement, the destination's failure clock: any success clears it, the first failure starts it.
 * Only the attempt a job was queued for may settle a delivery; a stale one settles nothing.
 */
const SETTLE = `
  WITH attempt AS (
    SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::int[], $9::text[])
      AS a(seq, made, state, next_attempt_at, delivered_at, attempted_at, status_code, duration_ms, error)
  ),
  settled AS (
    UPDATE forward_deliveries f
    SET state = a.state, attempts = f.attempts + 1, next_attempt_at = a.next_attempt_at, delivered_at = a.delivered_at,
        last_attempt_at = a.attempted_at, last_status_code = a.status_code, last_duration_ms = a.duration_ms, last_error = a.error
    FROM attempt a
    WHERE f.seq = a.seq AND f.attempts = a.made AND f.state = 'sending'
    RETURNING f.seq, f.destination_id, a.state, a.attempted_at, a.status_code, a.duration_ms, a.error
  ),
  history AS (
    INSERT INTO forward_attempts (delivery_seq, destination_id, attempted_at, delivered, status_code, duration_ms, error)
    SELECT seq, destination_id, attempted_at, state = 'delivered', status_code, duration_ms, error FROM settled
  ),
  outcome AS (
    SELECT destination_id, bool_or(state = 'delivered') AS answered, min(attempted_at) AS first_failure FROM settled GROUP BY destination_id
  )
  UPDATE destinations d
  SET failing_since = CASE WHEN o.answered THEN NULL ELSE coalesce(d.failing_since, o.first_failure) END, updated_at = now()
  FROM outcome o
  WHERE d.id = o.destination_id AND (d.failing_since IS NOT NULL OR NOT o.answered)
  RETURNING d.id, d.failing_since, d.enabled`;

const PUT_BACK = `
  UPDATE forward_deliveries f SET state = 'pending', next_attempt_at = now()
  FROM unnest($1::bigint[], $2::int[]) AS a(seq, made)
  WHERE f.seq = a.seq AND f.attempts = a.made AND f.state = 'sending'`;

/** The batch is done: the destination's next one may be queued (unless a newer batch holds the lease already). */
const RELEASE = `UPDATE destinations SET batch_leased_until = NULL WHERE id = $1 AND batch_leased_until = $2::timestamptz`;

const DISABLE = `UPDATE destinations SET enabled = false, disabled_reason = $2, updated_at = now() WHERE id = $1 AND enabled`;

/**
 * Runs one batch per job: signs and POSTs each delivery, FORWARD_CONCURRENCY at a time, records
 * every attempt in one statement and schedules the next ones or disables the destination.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly relay: DeliveryRelay,
    private readonly metrics: ForwardingMetrics,
    private readonly pressure: IngestPressure,
    private readonly environment: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A job fails only on a database error or a shutdown (a failed attempt is recorded, not thrown).
    await this.jobs.declareQueue(FORWARD_QUEUE, {
      policy: 'standard',
      retryLimit: 5,
      retryDelaySeconds: 5,
      retryBackoff: true,
      expireInSeconds: (ROUNDS_PER_JOB * ATTEMPT_TIMEOUT_MS) / 1000 + 60,
    });
    await this.jobs.work<ForwardJob>(FORWARD_QUEUE, WORKERS, (job, signal) => this.attemptBatch(job, signal));
  }

  onApplicationShutdown(): void {
    closeConnections();
  }

  private async attemptBatch({ data }: RunningJob<ForwardJob>, shutdown: AbortSignal): Promise<void> {
    // Each attempt in flight, and each one waiting for its turn, listens for the shutdown.
    setMaxListeners(0, shutdown);
    const queuedAt = new Map(data.deliveries.map(({ seq, attempt }) => [seq, attempt]));
    const loaded = (await this.dataSource.query(LOAD, [[...queuedAt.keys()]])) as DeliveryToSend[];
    const current = loaded.filter((delivery) => delivery.state === 'sending' && delivery.attempts === queuedAt.get(delivery.seq));
    const [enabled, disabled] = [current.filter((delivery) => delivery.enabled), current.filter((delivery) => !delivery.enabled)];
    if (disabled.length > 0) {
      await this.dataSource.query(PUT_BACK, [disabled.map((delivery) => delivery.seq), disabled.map((delivery) => delivery.attempts)]);
    }
    const settled = await this.sendAll(enabled, shutdown);
    await this.record(settled);
    for (const { delivery, result } of settled) {
      this.metrics.attempts.inc({ destination: delivery.destination_id, outcome: result.delivered ? 'delivered' : 'failed' });
    }
    if (settled.length < enabled.length) {
      // Cut short by a shutdown: the rest stay `sending` and the lease held, and the retried job sends them.
      throw new Error('The service is stopping; the rest of the batch will be sent again');
    }
    // Jobs queued before batches carried their lease have none: theirs expires by itself.
    if (data.leasedUntil) {
      await this.dataSource.query(RELEASE, [data.destinationId, data.leasedUntil]);
    }
    await this.relay.soon();
  }

  /**
   * FORWARD_CONCURRENCY attempts at a time, each when ingest pressure allows; stops starting new
   * ones once the service is stopping.
   */
  private async sendAll(deliveries: DeliveryToSend[], shutdown: AbortSignal): Promise<Settled[]> {
    const settled: Settled[] = [];
    const queue = [...deliveries];
    const lane = async () => {
      for (let delivery = queue.shift(); delivery && !shutdown.aborted; delivery = queue.shift()) {
        await this.pressure.turn(shutdown);
        if (shutdown.aborted) {
          return;
        }
        const attemptedAt = new Date();
        try {
          const result = delivery.envelope
            ? await this.send(delivery, attemptedAt, shutdown)
            : { delivered: false, statusCode: null, durationMs: 0, error: 'The event is no longer stored' };
          settled.push({ delivery, attemptedAt, result });
        } catch {
          return; // aborted by the shutdown
        }
      }
    };
    await Promise.all(Array.from({ length: this.environment.FORWARD_CONCURRENCY }, lane));
    return settled;
  }

  private send(delivery: DeliveryToSend, attemptedAt: Date, shutdown: AbortSignal): Promise<AttemptResult> {
    const body = forwardPayload({
      envelopeJson: delivery.envelope as string,
      type: delivery.type,
      eventTime: delivery.event_time,
      receivedAt: delivery.received_at,
      state: delivery.outcome,
    });
    const webhookId = webhookIdFor(delivery.event_id);
    const secrets = signingSecrets(
      { secret: delivery.secret, previousSecret: delivery.previous_secret, previousSecretExpiresAt: delivery.previous_secret_expires_at },
      attemptedAt,
    );
    const headers = {
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(attemptedAt.getTime() / 1000)),
      'webhook-signature': signatureHeader(secrets, webhookId, attemptedAt, body),
    };
    return postSigned(delivery.url, headers, body, shutdown);
  }

  private async record(settled: Settled[]): Promise<void> {
    if (settled.length === 0) {
      return;
    }
    const delays = this.environment.forwardRetryDelaysMs;
    const plans = settled.map(({ delivery, attemptedAt, result }) => {
      const delay = result.delivered || !delivery.envelope ? undefined : nextAttemptDelay(delivery.attempts + 1, delays);
      return {
        state: result.delivered ? 'delivered' : delay === undefined ? 'failed' : 'pending',
        nextAttemptAt: delay === undefined ? null : new Date(attemptedAt.getTime() + result.durationMs + delay),
      };
    });
    // TypeORM answers an UPDATE with [rows, count].
    const [destinations] = (await this.dataSource.query(SETTLE, [
      settled.map(({ delivery }) => delivery.seq),
      settled.map(({ delivery }) => delivery.attempts),
      plans.map((plan) => plan.state),
      plans.map((plan) => plan.nextAttemptAt),
      settled.map(({ result, attemptedAt }) => (result.delivered ? new Date(attemptedAt.getTime() + result.durationMs) : null)),
      settled.map(({ attemptedAt }) => attemptedAt),
      settled.map(({ result }) => result.statusCode),
      settled.map(({ result }) => result.durationMs),
      settled.map(({ result }) => result.error),
    ])) as [{ id: string; failing_since: Date | null; enabled: boolean }[], number];
    for (const destination of destinations) {
      if (destination.failing_since && destination.enabled && failedTooLong(destination.failing_since, new Date(), this.environment.forwardDisableAfterMs)) {
        const reason = `Every attempt failed since ${destination.failing_since.toISOString()} (FORWARD_DISABLE_AFTER ${this.environment.FORWARD_DISABLE_AFTER})`;
        await this.dataSource.query(DISABLE, [destination.id, reason]);
        this.logger.warn(`Destination ${destination.id} disabled: ${reason}`);
      }
    }
  }
}
