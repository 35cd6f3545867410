import { hash, timingSafeEqual } from 'node:crypto';

/** One-shot hashing, cheaper than createHash().update().digest(): this runs on every webhook request. */
function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}

/**
 * Compares a presented secret with a known one in constant time: both sides are hashed first,
 * so neither the content nor the length of the secret leaks through timing.
 */
export class SecretMatcher {
  private readonly expected: Buffer;

  constructor(secret: string) {
    this.expected = digest(secret);
  }

  matches(presented: string | undefined): boolean {
    return timingSafeEqual(digest(presented ?? ''), this.expected) && presented !== undefined;
  }
}
