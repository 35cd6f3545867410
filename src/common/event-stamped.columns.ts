import { Column } from 'typeorm';

/** The event a state or history row comes from: what "latest by event time" compares. */
export abstract class EventStampedColumns {
  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime: Date;
}
