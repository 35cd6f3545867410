import { createHash } from 'node:crypto';

/** What the store holds of a forwarded event. */
export interface StoredEventForForwarding {
  /** The stored envelope as JSON text (read as text from the store: parsing it only to write it again costs CPU per forward). */
  envelopeJson: string;
  type: string;
  eventTime: Date;
  receivedAt: Date;
  state: string;
}

const HEADER_SAFE_ID = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * The `webhook-id` of an event: the same for every attempt, retry and replay, so a receiver can
 * de-duplicate on it. The vendor's event id itself when it can travel in a header, else a hash of it.
 */
export function webhookIdFor(eventId: string): string {
  return HEADER_SAFE_ID.test(eventId) ? eventId : `evt_${createHash('sha256').update(eventId).digest('base64url')}`;
}

/**
 * The body sent to a destination: the vendor's envelope as received, with when it was received
 * and what became of it. The event time is given at the top, since deliveries are not ordered.
 */
export function forwardPayload(event: StoredEventForForwarding): string {
  const head = JSON.stringify({ type: event.type, eventTime: event.eventTime.toISOString(), receivedAt: event.receivedAt.toISOString(), outcome: event.state });
  return `${head.slice(0, -1)},"envelope":${event.envelopeJson}}`;
}
