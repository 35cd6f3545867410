import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PhoneNumberColumns } from './phone-number.columns';

/** Every display-name event of a phone number, late ones included. */
@Entity('phone_number_history')
// GET /phone-numbers/:id history, oldest first
@Index('phone_number_history_key_time_idx', ['phoneKey', 'eventTime', 'seq'])
@Index('phone_number_history_event_id_key', ['eventId'], { unique: true })
export class PhoneNumberHistoryEntity extends PhoneNumberColumns {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ name: 'phone_key', type: 'text' })
  phoneKey: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
