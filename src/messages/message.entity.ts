import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A message the company sent, as its status events describe it. */
@Entity('messages')
// GET /messages?status= newest first
@Index('messages_status_seq_idx', ['status', 'seq'])
// GET /messages?wabaId= newest first
@Index('messages_waba_id_seq_idx', ['wabaId', 'seq'])
// GET /messages?accountName= newest first
@Index('messages_account_name_seq_idx', ['accountName', 'seq'])
// GET /messages?wamid=
@Index('messages_wamid_idx', ['wamid'])
// GET /messages?since=&until= (time of the current status)
@Index('messages_status_event_time_idx', ['statusEventTime'])
export class MessageEntity {
  /** The vendor's message id. */
  @PrimaryColumn({ type: 'text' })
  id: string;

  /** First-seen order: the list order and cursor of GET /messages. */
  @Index('messages_seq_key', { unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ type: 'text', nullable: true })
  wamid: string | null;

  @Column({ name: 'account_name', type: 'text', nullable: true })
  accountName: string | null;

  @Column({ name: 'waba_id', type: 'text', nullable: true })
  wabaId: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'status_rank', type: 'smallint' })
  statusRank: number;

  @Column({ name: 'status_event_time', type: 'timestamptz' })
  statusEventTime: Date;

  @Column({ name: 'status_event_id', type: 'text' })
  statusEventId: string;

  /** The rank the latest write replaced (none for a new message): the funnel rollup reads the move from it. */
  @Column({ name: 'previous_status_rank', type: 'smallint', nullable: true })
  previousStatusRank: number | null;

  @Column({ name: 'conversation_id', type: 'text', nullable: true })
  conversationId: string | null;

  @Column({ name: 'conversation_initiate_type', type: 'text', nullable: true })
  conversationInitiateType: string | null;

  @Column({ name: 'conversation_expire_at', type: 'timestamptz', nullable: true })
  conversationExpireAt: Date | null;

  @Column({ type: 'text', nullable: true })
  currency: string | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  /** Event time of the failure report the error comes from (the latest one wins). */
  @Column({ name: 'error_event_time', type: 'timestamptz', nullable: true })
  errorEventTime: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'delivered_at_inferred', type: 'boolean', default: false })
  deliveredAtInferred: boolean;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ name: 'first_event_time', type: 'timestamptz' })
  firstEventTime: Date;

  @Column({ name: 'last_event_time', type: 'timestamptz' })
  lastEventTime: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
