import { Column } from 'typeorm';
import { EventStampedColumns } from '../common/event-stamped.columns';

/** What one display-name event says besides its key: the state row and each history row hold it. */
export abstract class PhoneNumberColumns extends EventStampedColumns {
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
}
