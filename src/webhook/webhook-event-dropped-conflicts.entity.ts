import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Conflicting versions of an event id delivered after MAX_CONFLICT_VERSIONS were already kept:
 * counted, not stored, so one id cannot grow the store without bound.
 */
@Entity('webhook_event_dropped_conflicts')
export class WebhookEventDroppedConflictsEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ type: 'bigint' })
  dropped: string;

  @Column({ name: 'last_received_at', type: 'timestamptz', default: () => 'now()' })
  lastReceivedAt: Date;
}
