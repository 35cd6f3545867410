import { Column, Entity, PrimaryColumn } from 'typeorm';
import { StatsBucketColumns } from './stats-bucket.columns';

/** Failure reports per bucket by error code and message ('' when the vendor sent none). */
@Entity('stats_failure_reasons')
export class FailureReasonEntity extends StatsBucketColumns {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @PrimaryColumn({ type: 'text' })
  message: string;

  /** The latest message that failed this way, to look at. */
  @Column({ name: 'example_message_id', type: 'text' })
  exampleMessageId: string;
}
