import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';

/** Forwarding's Prometheus metrics, on the service's registry. */
@Injectable()
export class ForwardingMetrics {
  readonly attempts: Counter<'destination' | 'outcome'>;

  constructor(metrics: MetricsService, dataSource: DataSource) {
    this.attempts = new Counter({
      name: 'forward_attempts_total',
      help: 'Attempts to deliver an event to a destination, by destination id and outcome (delivered, failed)',
      labelNames: ['destination', 'outcome'] as const,
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'forward_destination_enabled',
      help: 'Each destination: 1 while events are forwarded to it, 0 once disabled (through the API, or by the service after failing too long)',
      labelNames: ['destination'] as const,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        const destinations = (await dataSource.query(`SELECT id, enabled FROM destinations`)) as { id: string; enabled: boolean }[];
        destinations.forEach(({ id, enabled }) => this.set({ destination: id }, enabled ? 1 : 0));
      },
    });
  }
}
