import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { cpus } from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Environment } from '../config/environment';
import { attemptsPerSecond, machineBusy, type CpuTimes } from './ingest-pressure.rules';

/** Short, so that forwarding yields within a quarter of a second of ingest getting busy. */
const WINDOW_MS = 250;
/** A guard only: with at least one attempt a second allowed, a lane waits a few seconds at most. */
const MAX_WAIT_MS = 5_000;

function cpuTimes(): CpuTimes {
  return cpus().reduce((sum, { times }) => ({ idle: sum.idle + times.idle, total: sum.total + times.user + times.nice + times.sys + times.idle + times.irq }), {
    idle: 0,
    total: 0,
  });
}

/**
 * Gives ingest priority over forwarding in this process. Every 250 ms it reads how busy the event
 * loop and the machine were and how many events were stored; while ingest keeps them busy,
 * attempts are paced to FORWARD_BUSY_SHARE of the events stored (evenly spaced slots), so
 * forwarding cannot take more than that share of the work, and the backlog is sent at full speed
 * once ingest eases.
 */
@Injectable()
export class IngestPressure implements OnModuleInit, OnApplicationShutdown {
  private stored = 0;
  private allowedPerSecond = Number.POSITIVE_INFINITY;
  /** While busy: when the next attempt may start. */
  private nextSlotAt = 0;
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
   * Resolves when one more attempt may be made: at once while the service has room; while it is
   * busy, at the next free slot of the allowed rate (each caller reserves its own, so waiting
   * costs one timer per attempt), or when `signal` aborts.
   */
  async turn(signal: AbortSignal): Promise<void> {
    if (!this.busy) {
      return;
    }
    const now = performance.now();
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + 1000 / this.allowedPerSecond;
    if (slot > now) {
      await sleep(Math.min(slot - now, MAX_WAIT_MS), undefined, { signal }).catch(() => undefined);
    }
  }

  private measure(): void {
    const utilization = performance.eventLoopUtilization(this.lastUtilization);
    this.lastUtilization = performance.eventLoopUtilization();
    const times = cpuTimes();
    const machine = machineBusy(this.lastCpuTimes, times);
    this.lastCpuTimes = times;
    this.allowedPerSecond = attemptsPerSecond(
      { eventLoop: utilization.utilization, machine, storedPerSecond: (this.stored * 1000) / WINDOW_MS },
      this.environment.FORWARD_BUSY_SHARE,
    );
    this.stored = 0;
  }
}
