import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One attempt to deliver an event to a destination: the history behind a delivery's last attempt. */
@Entity('forward_attempts')
// GET /destinations/:id/deliveries/:deliveryId/attempts newest first
@Index('forward_attempts_delivery_seq_idx', ['deliverySeq', 'seq'])
// Attempts per minute of a destination (the console's chart), read from the index alone
@Index('forward_attempts_destination_time_idx', ['destinationId', 'attemptedAt', 'delivered'])
export class AttemptEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ name: 'delivery_seq', type: 'bigint' })
  deliverySeq: string;

  @Column({ name: 'destination_id', type: 'uuid' })
  destinationId: string;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt: Date;

  /** A 2xx came back in time. */
  @Column({ type: 'boolean' })
  delivered: boolean;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
