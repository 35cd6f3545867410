import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A customer who wrote to one WhatsApp Business Account, with the latest profile name. */
@Entity('customers')
// GET /customers/:phone
@Index('customers_phone_idx', ['phone'])
export class CustomerEntity {
  /** Empty when the vendor gave no wabaId. */
  @PrimaryColumn({ name: 'waba_id', type: 'text' })
  wabaId: string;

  @PrimaryColumn({ type: 'text' })
  phone: string;

  /** GET /customers newest first. */
  @Index('customers_seq_key', { unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ name: 'name_seen_at', type: 'timestamptz', nullable: true })
  nameSeenAt: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ name: 'message_count', type: 'int' })
  messageCount: number;
}
