import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

export const DATABASE_KIND = Symbol('DATABASE_KIND');
export type DatabaseKind = 'embedded' | 'external';

/** The service's Prometheus metrics, on a registry of its own. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly eventsReceived = new Counter({
    name: 'webhook_events_received_total',
    help: 'Webhook events answered, by event type and outcome (processed, duplicate, conflict, unhandled, invalid, failed, unavailable)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly ingestDuration = new Histogram({
    name: 'webhook_ingest_duration_seconds',
    help: 'Time from a valid webhook request to its answer: queueing, storing and handling',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly ingestBatchSize = new Histogram({
    name: 'webhook_ingest_batch_events',
    help: 'Events each ingest transaction stored together (group commit): larger batches cost less per event',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  readonly ingestBatchReruns = new Counter({
    name: 'webhook_ingest_batch_reruns_total',
    help: 'Ingest transactions run a second time, each handler behind a savepoint, because a guess of their first run failed: an event thought new was stored already (or the reverse), or a handler threw',
    registers: [this.registry],
  });

  readonly ingestQueue = new Gauge({
    name: 'webhook_ingest_queued_events',
    help: 'Valid webhook events waiting for a transaction to store them',
    registers: [this.registry],
  });

  readonly authFailures = new Counter({
    name: 'auth_failures_total',
    help: 'Requests refused for wrong credentials, by endpoint kind (webhook or api), and refused while blocked (throttled)',
    labelNames: ['endpoint', 'result'] as const,
    registers: [this.registry],
  });

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(DATABASE_KIND) databaseKind: DatabaseKind) {
    collectDefaultMetrics({ register: this.registry });
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Connections of the PostgreSQL pool: total, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({
      name: 'database_info',
      help: 'Which PostgreSQL the service uses: embedded (started by the service) or external (DATABASE_URL)',
      labelNames: ['kind'] as const,
      registers: [this.registry],
    }).set({ kind: databaseKind }, 1);
  }
}
