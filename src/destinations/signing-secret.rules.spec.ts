import { Webhook } from 'standardwebhooks';
import { generateSigningSecret, ROTATION_OVERLAP_MS, signatureHeader, signingSecrets } from './signing-secret.rules';

describe(generateSigningSecret.name, () => {
  it('makes a different Standard Webhooks secret each time', () => {
    const [first, second] = [generateSigningSecret(), generateSigningSecret()];
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(first).not.toBe(second);
  });
});

describe(signingSecrets.name, () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const rotated = { secret: 'whsec_new', previousSecret: 'whsec_old' };

  it('signs with both secrets during the overlap and with the new one after it', () => {
    expect(signingSecrets({ ...rotated, previousSecretExpiresAt: new Date(now.getTime() + 1) }, now)).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets({ ...rotated, previousSecretExpiresAt: now }, now)).toEqual(['whsec_new']);
    expect(signingSecrets({ secret: 'whsec_only', previousSecret: null, previousSecretExpiresAt: null }, now)).toEqual(['whsec_only']);
  });

  it('keeps the previous secret for 24 hours', () => {
    expect(ROTATION_OVERLAP_MS).toBe(86_400_000);
  });
});

describe(signatureHeader.name, () => {
  it('is accepted by the Standard Webhooks verifier with either secret', () => {
    const [current, previous] = [generateSigningSecret(), generateSigningSecret()];
    const timestamp = new Date();
    const body = '{"type":"whatsapp_message_status_updated"}';
    const headers = {
      'webhook-id': 'evt-1',
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signatureHeader([current, previous], 'evt-1', timestamp, body),
    };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toEqual({ type: 'whatsapp_message_status_updated' });
    expect(new Webhook(previous).verify(body, headers)).toEqual({ type: 'whatsapp_message_status_updated' });
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow();
  });

  it('signs exactly as the standardwebhooks package does, multi-byte bodies included', () => {
    const secret = generateSigningSecret();
    const timestamp = new Date('2026-11-28T10:00:00.999Z');
    const body = '{"text":"olá 👋","n":1}';
    expect(signatureHeader([secret], 'evt_abc', timestamp, body)).toBe(new Webhook(secret).sign('evt_abc', timestamp, body));
  });
});
