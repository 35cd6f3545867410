import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DELIVERY_STATES = ['pending', 'sending', 'delivered', 'failed'] as const;
/**
 * `pending`: waiting for its next attempt; `sending`: handed to the job queue; `delivered`: a 2xx
 * came back; `failed`: every attempt of the schedule failed (a retry or a replay starts it again).
 */
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** The outbox: one event to send to one destination, written in the transaction that stores the event. */
@Entity('forward_deliveries')
@Check('forward_deliveries_state_check', `state IN ('pending', 'sending', 'delivered', 'failed')`)
// An event is forwarded once per destination: a re-delivery or a second replay adds nothing.
@Index('forward_deliveries_destination_event_key', ['destinationId', 'eventId'], { unique: true })
// GET /destinations/:id/deliveries newest first
@Index('forward_deliveries_destination_seq_idx', ['destinationId', 'seq'])
// GET /destinations/:id/deliveries?state=pending|sending|failed (delivered, nearly every row, is read through the index above)
@Index('forward_deliveries_destination_state_seq_idx', ['destinationId', 'state', 'seq'], { where: `state <> 'delivered'` })
// The relay: each destination's due deliveries (a pending attempt, or a sending one whose job went quiet), earliest first
@Index('forward_deliveries_due_idx', ['destinationId', 'nextAttemptAt'], { where: `state IN ('pending', 'sending')` })
// FORWARD_RETENTION: settled deliveries by the time of their last attempt
@Index('forward_deliveries_settled_idx', ['lastAttemptAt'], { where: `state IN ('delivered', 'failed')` })
export class DeliveryEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ name: 'destination_id', type: 'uuid' })
  destinationId: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ type: 'text', default: 'pending' })
  state: DeliveryState;

  /** Attempts made so far, of the current schedule (a retry or a replay starts a new one). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_duration_ms', type: 'int', nullable: true })
  lastDurationMs: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
