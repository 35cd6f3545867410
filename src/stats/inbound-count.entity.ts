import { Entity, PrimaryColumn } from 'typeorm';
import { StatsBucketColumns } from './stats-bucket.columns';

/** Inbound (customer) messages received per bucket, by message type. */
@Entity('stats_inbound_counts')
export class InboundCountEntity extends StatsBucketColumns {
  @PrimaryColumn({ type: 'text' })
  type: string;
}
