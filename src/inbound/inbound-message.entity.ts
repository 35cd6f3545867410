import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A message a customer wrote to the business. */
@Entity('inbound_messages')
// GET /inbound-messages?from= newest first
@Index('inbound_messages_from_seq_idx', ['fromPhone', 'seq'])
// GET /inbound-messages?to= newest first
@Index('inbound_messages_to_seq_idx', ['toPhone', 'seq'])
// GET /inbound-messages?type= newest first
@Index('inbound_messages_type_seq_idx', ['type', 'seq'])
// GET /inbound-messages?wabaId= newest first
@Index('inbound_messages_waba_id_seq_idx', ['wabaId', 'seq'])
// GET /inbound-messages?contextWamid= (replies and reactions to one of our messages)
@Index('inbound_messages_context_wamid_idx', ['contextWamid'])
// GET /inbound-messages?since=&until=
@Index('inbound_messages_send_time_idx', ['sendTime'])
// GET /inbound-messages?q=: a GIN index on search_words, which TypeORM cannot declare (migration StoredInboundSearchWords)
@Index('inbound_messages_text_search_idx', { synchronize: false })
export class InboundMessageEntity {
  /** The vendor's message id. */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Index('inbound_messages_seq_key', { unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  /** The webhook event that brought it. */
  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ type: 'text', nullable: true })
  wamid: string | null;

  @Column({ name: 'account_name', type: 'text', nullable: true })
  accountName: string | null;

  @Column({ name: 'waba_id', type: 'text', nullable: true })
  wabaId: string | null;

  @Column({ name: 'from_phone', type: 'text' })
  fromPhone: string;

  @Column({ name: 'to_phone', type: 'text', nullable: true })
  toPhone: string | null;

  /** When the customer sent it; the event time when the vendor gave none. */
  @Column({ name: 'send_time', type: 'timestamptz' })
  sendTime: Date;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'customer_name', type: 'text', nullable: true })
  customerName: string | null;

  @Column({ name: 'context_from', type: 'text', nullable: true })
  contextFrom: string | null;

  /** The wamid of our message this one quotes or reacts to. */
  @Column({ name: 'context_wamid', type: 'text', nullable: true })
  contextWamid: string | null;

  /** The words the message carries, whatever its type. */
  @Column({ type: 'text', nullable: true })
  text: string | null;

  /** The words of `text` as ?q= finds them (inbound_search_vector), kept by a trigger; searched, never read back. */
  @Column({ name: 'search_words', type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchWords?: string | null;

  /** The object its type names, as the vendor sent it. */
  @Column({ type: 'jsonb', nullable: true })
  content: unknown;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
