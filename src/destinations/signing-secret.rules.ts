import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** After a rotation the previous secret keeps signing this long, so receivers can switch at their pace. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface DestinationSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets that sign a request sent at `now`: the current one, and the previous one during the overlap. */
export function signingSecrets({ secret, previousSecret, previousSecretExpiresAt }: DestinationSecrets, now: Date): string[] {
  const previousStillSigns = previousSecret !== null && previousSecretExpiresAt !== null && previousSecretExpiresAt > now;
  return previousStillSigns ? [secret, previousSecret] : [secret];
}

/**
 * The `webhook-signature` header: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for each
 * secret, space-separated, as the Standard Webhooks verifiers expect during a rotation.
 */
export function signatureHeader(secrets: readonly string[], webhookId: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(webhookId, timestamp, body)).join(' ');
}
