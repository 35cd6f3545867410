import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';

/** Media download figures, on the service's metrics registry (GET /metrics). */
@Injectable()
export class MediaMetrics {
  readonly downloads: Counter<'result'>;
  readonly bytes: Counter;
  private waitingJobs: () => Promise<number> = () => Promise.resolve(0);

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.downloads = new Counter({
      name: 'media_downloads_total',
      help: 'Media download attempts by result: stored, failed (for good) or retried (a network error or 5xx, tried again later)',
      labelNames: ['result'] as const,
      registers,
    });
    this.bytes = new Counter({ name: 'media_downloaded_bytes_total', help: 'Bytes of media files downloaded and stored', registers });
    const source = () => this.waitingJobs();
    new Gauge({
      name: 'media_download_queue_depth',
      help: 'Media downloads waiting to run (new or due for a retry)',
      registers,
      async collect() {
        this.set(await source().catch(() => 0));
      },
    });
  }

  watchQueue(waitingJobs: () => Promise<number>): void {
    this.waitingJobs = waitingJobs;
  }
}
