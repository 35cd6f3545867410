import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { MetricsService } from '../metrics/metrics.service';

/** Wrong credentials one client address may send in a window before it is blocked. */
const MAX_FAILURES = 20;
const WINDOW_MS = 60_000;
const BLOCK_MS = 60_000;
const THROTTLER = 'auth-failures';

/**
 * Slows down credential guessing: a client address that sends too many wrong credentials is
 * answered 429 for a while. Only failures count, so authenticated traffic is never slowed.
 */
@Injectable()
export class AuthFailureLimiter {
  constructor(
    private readonly storage: ThrottlerStorageService,
    private readonly metrics: MetricsService,
  ) {}

  assertNotBlocked(clientAddress: string, endpoint: 'webhook' | 'api'): void {
    const record = this.storage.storage.get(this.key(clientAddress));
    if (record?.isBlocked && record.blockExpiresAt > Date.now()) {
      this.metrics.authFailures.inc({ endpoint, result: 'throttled' });
      throw this.tooMany();
    }
  }

  /** Counts a refused attempt; answers 429 instead of 401 once the address is over the limit. */
  async recordFailure(clientAddress: string, endpoint: 'webhook' | 'api'): Promise<void> {
    const { isBlocked } = await this.storage.increment(this.key(clientAddress), WINDOW_MS, MAX_FAILURES, BLOCK_MS, THROTTLER);
    this.metrics.authFailures.inc({ endpoint, result: isBlocked ? 'throttled' : 'refused' });
    if (isBlocked) {
      throw this.tooMany();
    }
  }

  private tooMany(): HttpException {
    return new HttpException('Too many failed authentication attempts; try again later', HttpStatus.TOO_MANY_REQUESTS);
  }

  private key(clientAddress: string): string {
    return `${THROTTLER}:${clientAddress}`;
  }
}
