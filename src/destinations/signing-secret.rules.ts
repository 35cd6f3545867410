import { createHmac, randomBytes } from 'node:crypto';

/** After a rotation the previous secret keeps signing this long, so receivers can switch at their pace. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

const SECRET_PREFIX = 'whsec_';

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
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
 * secret (keyed with its base64 part decoded), space-separated, as the Standard Webhooks
 * verifiers expect during a rotation. Signed with node:crypto rather than the standardwebhooks
 * package, whose pure-JavaScript SHA-256 costs several times more CPU per delivery; the specs
 * check the result with that package's verifier.
 */
export function signatureHeader(secrets: readonly string[], webhookId: string, timestamp: Date, body: string): string {
  const signed = `${webhookId}.${Math.floor(timestamp.getTime() / 1000)}.`;
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
      return `v1,${createHmac('sha256', key).update(signed).update(body).digest('base64')}`;
    })
    .join(' ');
}
