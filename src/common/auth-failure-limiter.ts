import { HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { MetricsService } from '../metrics/metrics.service';
import { ApiError } from './api-error';

/** Wrong credentials one client address may send in a window before it is answered 429. */
export const MAX_AUTH_FAILURES = 20;
const WINDOW_MS = 60_000;
const BLOCK_MS = 60_000;
const THROTTLER = 'auth-failures';

export type AuthSurface = 'webhook' | 'api';

/**
 * Slows down credential guessing. It is asked only about requests that already failed
 * authentication, so valid credentials are never refused or slowed, whoever else shares the
 * client address. Webhook and query API failures are counted apart: a client guessing API
 * tokens does not change what its webhook guesses are answered, and the reverse.
 */
@Injectable()
export class AuthFailureLimiter {
  constructor(
    private readonly storage: ThrottlerStorageService,
    private readonly metrics: MetricsService,
  ) {}

  /** Counts a failed attempt and answers what to refuse it with: 401, or 429 with Retry-After once over the limit. */
  async refusal(clientAddress: string, surface: AuthSurface, unauthorizedMessage: string): Promise<ApiError> {
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(
      `${THROTTLER}:${surface}:${clientAddress}`,
      WINDOW_MS,
      MAX_AUTH_FAILURES,
      BLOCK_MS,
      THROTTLER,
    );
    this.metrics.authFailures.inc({ endpoint: surface, result: isBlocked ? 'throttled' : 'refused' });
    if (isBlocked) {
      return new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'too_many_auth_failures', 'Too many failed authentication attempts; try again later', {
        retryAfter: Math.max(1, Math.ceil(timeToBlockExpire)),
      });
    }
    return new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', unauthorizedMessage);
  }
}
