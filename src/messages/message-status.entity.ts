import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One status event of a message, late or not: the message's history. */
@Entity('message_statuses')
// GET /messages/:id/statuses, oldest first
@Index('message_statuses_message_time_idx', ['messageId', 'eventTime', 'seq'])
export class MessageStatusEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  /** The webhook event this status came in; a replay of it adds nothing. */
  @Index('message_statuses_event_id_key', { unique: true })
  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'message_id', type: 'text' })
  messageId: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'status_rank', type: 'smallint' })
  statusRank: number;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime: Date;

  @Column({ type: 'text', nullable: true })
  wamid: string | null;

  @Column({ name: 'conversation_id', type: 'text', nullable: true })
  conversationId: string | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
