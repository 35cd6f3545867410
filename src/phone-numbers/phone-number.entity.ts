import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PhoneNumberColumns } from './phone-number.columns';

/** A business phone number's latest display-name decision. */
@Entity('phone_numbers')
// GET /phone-numbers/:id by display number, when the vendor sent no id
@Index('phone_numbers_display_phone_number_idx', ['displayPhoneNumber'])
// GET /phone-numbers?wabaId= newest first
@Index('phone_numbers_waba_id_seq_idx', ['wabaId', 'seq'])
// GET /phone-numbers?decision= newest first
@Index('phone_numbers_decision_seq_idx', ['decision', 'seq'])
export class PhoneNumberEntity extends PhoneNumberColumns {
  /** The phone number id, or the display number when the vendor sent no id. */
  @PrimaryColumn({ name: 'phone_key', type: 'text' })
  phoneKey: string;

  @Index('phone_numbers_seq_key', { unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
