import { Column } from 'typeorm';
import { EventStampedColumns } from '../common/event-stamped.columns';

/** What one account review event says besides its account: the state row and each history row hold it. */
export abstract class AccountColumns extends EventStampedColumns {
  @Column({ name: 'account_name', type: 'text', nullable: true })
  accountName: string | null;

  @Column({ type: 'text' })
  decision: string;
}
