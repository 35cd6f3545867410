import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { cpus } from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Environment } from '../config/environment';
import { attemptsPerSecond, machineBusy, type CpuTimes } from './ingest-pressure.rules';

/** Short, so that forwarding yields within a quarter of a second of ingest getting busy. */
const WINDOW_MS = 250;
/** A guard only: an attempt waits at most about a second for its turn (see `turn`). */
const MAX_WAIT_MS = 5_000;

function cpuTimes(): CpuTimes {
  return cpus().reduce((sum, { times }) => ({ idle: sum.idle + times.idle, total: sum.total + times.user + times.nice + times.sys + times.idle + times.irq }), {
    idle: 0,
    total: 0,
  });
}

/**
 * Gives ingest priority over forwarding in this process. Every 250 ms it reads how busy the event
 * loop and the machine were and how many events were stored; while ingest keeps the loop busy, attempts are paced
 * to FORWARD_BUSY_SHARE of the events stored (a token bucket), so forwarding cannot take more
 * than that share of the work, and the backlog is sent at full speed once ingest eases.
 */
@Injectable()
export class IngestPressure implements OnModuleInit, OnApplicationShutdown {
  private stored = 0;
  private allowedPerSecond = Number.POSITIVE_INFINITY;
  private tokens = 0;
  private refilledAt = performance.now();
  private lastUtilization?: EventLoopUtilization;
  private lastCpuTimes = cpuTimes();
  private timer?: NodeJS.Timeout;

  constructor(private readonly environment: Environment) {}

  onModuleInit(): void {
    this.lastUtilization = performance.eventLoopUtilization();
    this.timer = setInterval(() => this.measure(), WINDOW_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Told by the outbox of every batch of events stored. */
  eventsStored(count: number): void {
    this.stored += count;
  }

  get busy(): boolean {
    return Number.isFinite(this.allowedPerSecond);
  }

  /**
   * Resolves once one more attempt may be made: at once while the service has room; otherwise when
   * the bucket holds a token (within about a second, as at least one attempt a second is allowed),
   * or when `signal` aborts.
   */
  async turn(signal: AbortSignal): Promise<void> {
    const started = performance.now();
    while (this.busy && !signal.aborted && performance.now() - started < MAX_WAIT_MS) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.min(250, ((1 - this.tokens) / this.allowedPerSecond) * 1000), undefined, { signal }).catch(() => undefined);
    }
  }

  private refill(): void {
    const now = performance.now();
    // At most one second's worth is saved up, so a quiet moment does not buy a burst.
    this.tokens = Math.min(Math.max(1, this.allowedPerSecond), this.tokens + ((now - this.refilledAt) / 1000) * this.allowedPerSecond);
    this.refilledAt = now;
  }

  private measure(): void {
    const utilization = performance.eventLoopUtilization(this.lastUtilization);
    this.lastUtilization = performance.eventLoopUtilization();
    const times = cpuTimes();
    const machine = machineBusy(this.lastCpuTimes, times);
    this.lastCpuTimes = times;
    const wasBusy = this.busy;
    this.allowedPerSecond = attemptsPerSecond(
      { eventLoop: utilization.utilization, machine, storedPerSecond: (this.stored * 1000) / WINDOW_MS },
      this.environment.FORWARD_BUSY_SHARE,
    );
    this.stored = 0;
    if (!wasBusy && this.busy) {
      this.tokens = 0;
      this.refilledAt = performance.now();
    }
  }
}
