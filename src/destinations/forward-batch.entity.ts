import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The outbox as ingest writes it: one row per destination and stored batch, naming the batch's
 * events, in the transaction that stores them. The relay turns these rows into deliveries (one per
 * event) in transactions of its own, promptly while the service has room and at the pace of
 * forwarding while ingest keeps it busy: a busy ingest transaction writes one row, not one row
 * and five index entries per event.
 */
@Entity('forward_batches')
export class ForwardBatchEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ name: 'destination_id', type: 'uuid' })
  destinationId: string;

  @Column({ name: 'event_ids', type: 'text', array: true })
  eventIds: string[];

  /** When the events were stored: their deliveries are due from then. */
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
