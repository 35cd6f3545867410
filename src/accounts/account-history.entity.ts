import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every account review event, late ones included. */
@Entity('account_history')
// GET /accounts/:wabaId history, oldest first
@Index('account_history_waba_time_idx', ['wabaId', 'eventTime', 'seq'])
export class AccountHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Index('account_history_event_id_key', { unique: true })
  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime: Date;

  @Column({ name: 'waba_id', type: 'text' })
  wabaId: string;

  @Column({ name: 'account_name', type: 'text', nullable: true })
  accountName: string | null;

  @Column({ type: 'text' })
  decision: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
