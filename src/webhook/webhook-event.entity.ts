import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const EVENT_STATES = ['processed', 'unhandled', 'invalid', 'failed'] as const;
export type EventState = (typeof EVENT_STATES)[number];

/**
 * Every event the vendor delivered, stored once by its id, exactly as received.
 *
 * The table is partitioned by day of `received_at` (migration PartitionEventStore, maintenance in
 * src/maintenance). TypeORM cannot declare partitioning and its schema diff reads the parent table
 * only, so the entity describes the parent: its unique keys must hold the partition key, hence the
 * primary key (id, received_at), a plain index on seq, and webhook_event_ids keeping each id unique
 * across the partitions.
 */
@Entity('webhook_events')
@Check('webhook_events_state_check', `state IN ('processed', 'unhandled', 'invalid', 'failed')`)
// GET /events?type=... newest first
@Index('webhook_events_type_seq_idx', ['type', 'seq'])
// GET /events?state=failed|invalid|unhandled newest first; `processed`, nearly every row, is read in seq order
@Index('webhook_events_state_seq_idx', ['state', 'seq'], { where: `state <> 'processed'` })
// GET /events?since=&until=: (event_time) INCLUDE (seq, received_at), which TypeORM cannot declare (migration EventPageKeys)
@Index('webhook_events_event_time_idx', { synchronize: false })
export class WebhookEventEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  /** Arrival order: the list order and the cursor of GET /events. */
  @Index('webhook_events_seq_idx')
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime: Date;

  /** The partition key: the day it was received decides its partition. */
  @PrimaryColumn({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'text' })
  state: EventState;

  /** Why the body was refused (`invalid`), as field and problems. */
  @Column({ type: 'jsonb', nullable: true })
  reasons: { field: string; problems: string[] }[] | null;

  /** What the handler threw (`failed`). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'int', default: 1 })
  attempts: number;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  /** SHA-256 of the envelope in canonical JSON: tells a re-delivery from a conflict. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  /** The whole envelope as received, unknown fields included. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;
}
