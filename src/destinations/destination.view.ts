import { ApiProperty } from '@nestjs/swagger';
import { webhookIdFor } from './forward-payload.rules';
import { DELIVERY_STATES, type DeliveryEntity, type DeliveryState } from './delivery.entity';
import type { DestinationEntity } from './destination.entity';
import type { AttemptEntity } from './attempt.entity';

/** A destination as the API shows it: never with its secret. */
export class DestinationView {
  @ApiProperty({ example: '3f1c2b9e-6a4d-4e8b-9c57-2d1e0f6a7b88' })
  id: string;

  @ApiProperty({ example: 'https://crm.example.com/hooks/whatsapp' })
  url: string;

  @ApiProperty({ type: String, nullable: true, example: 'CRM: message statuses' })
  description: string | null;

  @ApiProperty({ type: [String], nullable: true, example: ['whatsapp_message_status_updated'], description: 'null: every type' })
  eventTypes: string[] | null;

  @ApiProperty({ example: false })
  includeUnhandled: boolean;

  @ApiProperty({ example: true })
  enabled: boolean;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why the service disabled it, e.g. after failing for 5 days' })
  disabledReason: string | null;

  @ApiProperty({ type: Date, nullable: true, example: null, description: 'The first failed attempt since the last success' })
  failingSince: Date | null;

  @ApiProperty({ type: Date, nullable: true, example: null, description: 'Until then the previous secret signs too (after a rotation)' })
  previousSecretExpiresAt: Date | null;

  @ApiProperty({ example: '2026-11-28T10:00:00.000Z' })
  createdAt: Date;

  @ApiProperty({ example: '2026-11-28T10:00:00.000Z' })
  updatedAt: Date;
}

/** The answer to POST /destinations: the only time the whole secret is shown. */
export class CreatedDestinationView extends DestinationView {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Standard Webhooks signing secret; shown only now' })
  secret: string;
}

/** The answer to POST /destinations/:id/rotate-secret. */
export class RotatedSecretView {
  @ApiProperty({ example: '3f1c2b9e-6a4d-4e8b-9c57-2d1e0f6a7b88' })
  id: string;

  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The new secret; shown only now' })
  secret: string;

  @ApiProperty({ example: '2026-11-29T10:00:00.000Z', description: 'Until then requests carry a signature with the previous secret too' })
  previousSecretExpiresAt: Date;
}

export class ReplayView {
  @ApiProperty({ example: 120, description: 'Deliveries queued again or for the first time' })
  deliveries: number;
}

/** One event on its way to one destination, with its last attempt. */
export class DeliveryView {
  @ApiProperty({ example: '4711' })
  id: string;

  @ApiProperty({ example: '0c8f5a36-1e0b-4f5e-9d51-8f3d2f0e7a11' })
  eventId: string;

  @ApiProperty({ example: '0c8f5a36-1e0b-4f5e-9d51-8f3d2f0e7a11', description: 'The webhook-id header: the same on every attempt and replay' })
  webhookId: string;

  @ApiProperty({ enum: DELIVERY_STATES, example: 'pending' })
  state: DeliveryState;

  @ApiProperty({ example: 2, description: 'Attempts made since it was created, retried or replayed' })
  attempts: number;

  @ApiProperty({ type: Date, nullable: true, example: '2026-11-28T10:05:05.000Z' })
  nextAttemptAt: Date | null;

  @ApiProperty({ type: Date, nullable: true, example: '2026-11-28T10:00:05.000Z' })
  lastAttemptAt: Date | null;

  @ApiProperty({ type: Number, nullable: true, example: 503, description: "The destination's answer code; null when none came" })
  statusCode: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 31 })
  durationMs: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503' })
  error: string | null;

  @ApiProperty({ type: Date, nullable: true, example: null })
  deliveredAt: Date | null;

  @ApiProperty({ example: '2026-11-28T10:00:00.000Z' })
  createdAt: Date;
}

/** One attempt of a delivery: GET /destinations/:id/deliveries/:deliveryId/attempts. */
export class AttemptView {
  @ApiProperty({ example: '9001' })
  id: string;

  @ApiProperty({ example: '2026-11-28T10:00:05.000Z' })
  attemptedAt: Date;

  @ApiProperty({ example: false, description: 'A 2xx came back within 15 s' })
  delivered: boolean;

  @ApiProperty({ type: Number, nullable: true, example: 503, description: "The destination's answer code; null when none came" })
  statusCode: number | null;

  @ApiProperty({ example: 31 })
  durationMs: number;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503: try later' })
  error: string | null;
}

/** One minute of a destination's attempts. */
export class AttemptsMinuteView {
  @ApiProperty({ example: '2026-11-28T10:00:00.000Z' })
  bucketStart: string;

  @ApiProperty({ example: 120 })
  delivered: number;

  @ApiProperty({ example: 3 })
  failed: number;
}

export class AttemptsPerMinuteView {
  @ApiProperty({ example: '2026-11-28T09:00:00.000Z' })
  since: string;

  @ApiProperty({ example: '2026-11-28T10:00:00.000Z' })
  until: string;

  @ApiProperty({ type: [AttemptsMinuteView], description: 'Minutes with at least one attempt, oldest first' })
  items: AttemptsMinuteView[];
}

export function attemptView({ seq, attemptedAt, delivered, statusCode, durationMs, error }: AttemptEntity): AttemptView {
  return { id: seq, attemptedAt, delivered, statusCode, durationMs, error };
}

export function destinationView(destination: DestinationEntity): DestinationView {
  const { id, url, description, eventTypes, includeUnhandled, enabled, disabledReason, failingSince, previousSecretExpiresAt, createdAt, updatedAt } =
    destination;
  return { id, url, description, eventTypes, includeUnhandled, enabled, disabledReason, failingSince, previousSecretExpiresAt, createdAt, updatedAt };
}

export function deliveryView(delivery: DeliveryEntity): DeliveryView {
  return {
    id: delivery.seq,
    eventId: delivery.eventId,
    webhookId: webhookIdFor(delivery.eventId),
    state: delivery.state,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.state === 'pending' ? delivery.nextAttemptAt : null,
    lastAttemptAt: delivery.lastAttemptAt,
    statusCode: delivery.lastStatusCode,
    durationMs: delivery.lastDurationMs,
    error: delivery.lastError,
    deliveredAt: delivery.deliveredAt,
    createdAt: delivery.createdAt,
  };
}
