import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A delivery that reused a stored event id with different content: kept, never merged. */
@Entity('webhook_event_conflicts')
@Index('webhook_event_conflicts_event_hash_key', ['eventId', 'contentHash'], { unique: true })
export class WebhookEventConflictEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** When the event it contradicts was received: its partition. Set by a trigger (migration EventPageKeys). */
  @Column({ name: 'event_received_at', type: 'timestamptz', nullable: true, insert: false, update: false })
  eventReceivedAt: Date | null;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;
}
