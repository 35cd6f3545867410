import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Each event id received within the dedupe window, with the hash of its content: the ingest's
 * INSERT claims an id here first, so a re-delivery is recognised whichever partition holds the
 * original. It also points at that partition for GET /events/:id.
 */
@Entity('webhook_event_ids')
// The maintenance trims ids older than DEDUPE_WINDOW
@Index('webhook_event_ids_received_at_idx', ['receivedAt'])
export class WebhookEventIdEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  /** The partition key of the stored event. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;
}
