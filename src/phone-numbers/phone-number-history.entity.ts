import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every display-name event of a phone number, late ones included. */
@Entity('phone_number_history')
// GET /phone-numbers/:id history, oldest first
@Index('phone_number_history_key_time_idx', ['phoneKey', 'eventTime', 'seq'])
export class PhoneNumberHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Index('phone_number_history_event_id_key', { unique: true })
  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime: Date;

  @Column({ name: 'phone_key', type: 'text' })
  phoneKey: string;

  @Column({ name: 'phone_number_id', type: 'text', nullable: true })
  phoneNumberId: string | null;

  @Column({ name: 'display_phone_number', type: 'text', nullable: true })
  displayPhoneNumber: string | null;

  @Column({ name: 'account_name', type: 'text', nullable: true })
  accountName: string | null;

  @Column({ name: 'waba_id', type: 'text', nullable: true })
  wabaId: string | null;

  @Column({ type: 'text' })
  decision: string;

  @Column({ name: 'requested_verified_name', type: 'text', nullable: true })
  requestedVerifiedName: string | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
