import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AccountColumns } from './account.columns';

/** A WhatsApp Business Account's latest review decision. */
@Entity('accounts')
// GET /accounts?decision= newest first
@Index('accounts_decision_seq_idx', ['decision', 'seq'])
// GET /accounts?accountName= newest first
@Index('accounts_account_name_seq_idx', ['accountName', 'seq'])
export class AccountEntity extends AccountColumns {
  @PrimaryColumn({ name: 'waba_id', type: 'text' })
  wabaId: string;

  @Index('accounts_seq_key', { unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
