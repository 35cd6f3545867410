import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { JobQueue, type RunningJob } from '../jobs/job-queue';
import { DeliveryRelay, FORWARD_QUEUE, type ForwardJob } from './delivery-relay.service';
import { failedTooLong, nextAttemptDelay } from './delivery-schedule.rules';
import { forwardPayload, webhookIdFor } from './forward-payload.rules';
import { ForwardingMetrics } from './forwarding.metrics';
import { postSigned, type AttemptResult } from './http-attempt';
import { signatureHeader, signingSecrets } from './signing-secret.rules';

/** Attempts running at once in one instance, over every destination (each also has its own bound). */
const WORKERS = 8;

interface DeliveryToSend {
  state: string;
  attempts: number;
  event_id: string;
  destination_id: string;
  url: string;
  enabled: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  envelope: Record<string, unknown> | null;
  type: string;
  event_time: Date;
  received_at: Date;
  outcome: string;
}

const LOAD = `
  SELECT f.state, f.attempts, f.event_id, d.id AS destination_id, d.url, d.enabled,
         d.secret, d.previous_secret, d.previous_secret_expires_at,
         e.payload AS envelope, e.type, e.event_time, e.received_at, e.state AS outcome
  FROM forward_deliveries f
  JOIN destinations d ON d.id = f.destination_id
  LEFT JOIN webhook_events e ON e.id = f.event_id
  WHERE f.seq = $1`;

/**
 * Records an attempt and, in the same statement, the destination's failure clock: cleared by a
 * success, started by the first failure. Only the attempt the job was queued for may settle the
 * delivery; a stale job settles nothing and gets no row back.
 */
const SETTLE = `
  WITH settled AS (
    UPDATE forward_deliveries
    SET state = $3, attempts = attempts + 1, next_attempt_at = $4, delivered_at = $5,
        last_attempt_at = $6, last_status_code = $7, last_duration_ms = $8, last_error = $9
    WHERE seq = $1 AND attempts = $2 AND state = 'sending'
    RETURNING destination_id
  )
  UPDATE destinations d
  SET failing_since = CASE WHEN $3 = 'delivered' THEN NULL ELSE coalesce(d.failing_since, $6) END, updated_at = now()
  FROM settled
  WHERE d.id = settled.destination_id AND (d.failing_since IS NOT NULL OR $3 <> 'delivered')
  RETURNING d.failing_since, d.enabled`;

const PUT_BACK = `UPDATE forward_deliveries SET state = 'pending', next_attempt_at = now() WHERE seq = $1 AND attempts = $2 AND state = 'sending'`;

const DISABLE = `UPDATE destinations SET enabled = false, disabled_reason = $2, updated_at = now() WHERE id = $1 AND enabled`;

/** Makes one attempt per job: signs, POSTs, records the outcome and schedules the next attempt or disables the destination. */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliveryWorker.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly relay: DeliveryRelay,
    private readonly metrics: ForwardingMetrics,
    private readonly environment: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A job fails only on a database error (a failed attempt is recorded, not thrown); the lease covers one that fails for good.
    await this.jobs.declareQueue(FORWARD_QUEUE, { policy: 'standard', retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 60 });
    await this.jobs.work<ForwardJob>(FORWARD_QUEUE, WORKERS, (job, signal) => this.attempt(job, signal));
  }

  private async attempt({ data: { delivery, attempt } }: RunningJob<ForwardJob>, shutdown: AbortSignal): Promise<void> {
    const [row] = (await this.dataSource.query(LOAD, [delivery])) as DeliveryToSend[];
    if (!row || row.state !== 'sending' || row.attempts !== attempt) {
      return;
    }
    if (!row.enabled) {
      await this.dataSource.query(PUT_BACK, [delivery, attempt]);
      return;
    }
    const attemptedAt = new Date();
    const result: AttemptResult = row.envelope
      ? await this.send(row, attemptedAt, shutdown)
      : { delivered: false, statusCode: null, durationMs: 0, error: 'The event is no longer stored' };
    await this.record(delivery, attempt, row, attemptedAt, result);
    this.metrics.attempts.inc({ destination: row.destination_id, outcome: result.delivered ? 'delivered' : 'failed' });
    await this.relay.soon();
  }

  private send(row: DeliveryToSend, attemptedAt: Date, shutdown: AbortSignal): Promise<AttemptResult> {
    const body = forwardPayload({
      envelope: row.envelope as Record<string, unknown>,
      type: row.type,
      eventTime: row.event_time,
      receivedAt: row.received_at,
      state: row.outcome,
    });
    const webhookId = webhookIdFor(row.event_id);
    const secrets = signingSecrets(
      { secret: row.secret, previousSecret: row.previous_secret, previousSecretExpiresAt: row.previous_secret_expires_at },
      attemptedAt,
    );
    const headers = {
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(attemptedAt.getTime() / 1000)),
      'webhook-signature': signatureHeader(secrets, webhookId, attemptedAt, body),
    };
    return postSigned(row.url, headers, body, shutdown);
  }

  private async record(delivery: string, attempt: number, row: DeliveryToSend, attemptedAt: Date, result: AttemptResult): Promise<void> {
    const delay = result.delivered || !row.envelope ? undefined : nextAttemptDelay(attempt + 1, this.environment.forwardRetryDelaysMs);
    const state = result.delivered ? 'delivered' : delay === undefined ? 'failed' : 'pending';
    // TypeORM answers an UPDATE with [rows, count].
    const [[destination]] = (await this.dataSource.query(SETTLE, [
      delivery,
      attempt,
      state,
      delay === undefined ? null : new Date(attemptedAt.getTime() + result.durationMs + delay),
      result.delivered ? new Date() : null,
      attemptedAt,
      result.statusCode,
      result.durationMs,
      result.error,
    ])) as [{ failing_since: Date | null; enabled: boolean }[], number];
    if (destination?.failing_since && destination.enabled && failedTooLong(destination.failing_since, new Date(), this.environment.forwardDisableAfterMs)) {
      const reason = `Every attempt failed since ${destination.failing_since.toISOString()} (FORWARD_DISABLE_AFTER ${this.environment.FORWARD_DISABLE_AFTER})`;
      await this.dataSource.query(DISABLE, [row.destination_id, reason]);
      this.logger.warn(`Destination ${row.destination_id} disabled: ${reason}`);
    }
  }
}
