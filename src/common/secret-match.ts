import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
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
