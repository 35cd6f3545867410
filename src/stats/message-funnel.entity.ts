import { Entity, PrimaryColumn } from 'typeorm';
import { StatsBucketColumns } from './stats-bucket.columns';

/** Messages by the bucket they were first seen in and the funnel stage they are at now. */
@Entity('stats_message_funnel')
export class MessageFunnelEntity extends StatsBucketColumns {
  @PrimaryColumn({ type: 'text' })
  stage: string;
}
