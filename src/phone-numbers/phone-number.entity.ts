import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A business phone number's latest display-name decision (SPEC 3.5). */
@Entity('phone_numbers')
// GET /phone-numbers/:id by display number, when the vendor sent no id
@Index('phone_numbers_display_phone_number_idx', ['displayPhoneNumber'])
// GET /phone-numbers?wabaId= newest first
@Index('phone_numbers_waba_id_seq_idx', ['wabaId', 'seq'])
// GET /phone-numbers?decision= newest first
@Index('phone_numbers_decision_seq_idx', ['decision', 'seq'])
export class PhoneNumberEntity {
  /** The phone number id, or the display number when the vendor sent no id. */
  @PrimaryColumn({ name: 'phone_key', type: 'text' })
  phoneKey: string;

  @Index('phone_numbers_seq_key', { unique: true })
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime: Date;

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

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
