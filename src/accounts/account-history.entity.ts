import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AccountColumns } from './account.columns';

/** Every account review event, late ones included. */
@Entity('account_history')
// GET /accounts/:wabaId history, oldest first
@Index('account_history_waba_time_idx', ['wabaId', 'eventTime', 'seq'])
@Index('account_history_event_id_key', ['eventId'], { unique: true })
export class AccountHistoryEntity extends AccountColumns {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ name: 'waba_id', type: 'text' })
  wabaId: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
