import { Entity, PrimaryColumn } from 'typeorm';
import { StatsBucketColumns } from './stats-bucket.columns';

/** Events received per bucket, by type and outcome (their state now, or duplicate, conflict). */
@Entity('stats_event_counts')
export class EventCountEntity extends StatsBucketColumns {
  @PrimaryColumn({ type: 'text' })
  type: string;

  @PrimaryColumn({ type: 'text' })
  outcome: string;
}
