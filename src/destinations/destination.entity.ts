import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One of the company's own services that receives a copy of the events (see docs/forwarding.md). */
@Entity('destinations')
export class DestinationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** GET /destinations newest first. */
  @Index('destinations_seq_key', { unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The event types forwarded; null forwards every type. */
  @Column({ name: 'event_types', type: 'text', array: true, nullable: true })
  eventTypes: string[] | null;

  /** Whether events stored as `unhandled` (no module owns their type) are forwarded too. */
  @Column({ name: 'include_unhandled', type: 'boolean', default: false })
  includeUnhandled: boolean;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Why the service disabled it (a destination disabled through the API has none). */
  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: string | null;

  /** The first failed attempt since the last success; null while it answers. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  /** The signing secret, `whsec_` + base64. Never selected unless asked for, so it cannot leak into a response or a log line. */
  @Column({ type: 'text', select: false })
  secret: string;

  /** The secret before the last rotation, which still signs until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true, select: false })
  previousSecret: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  /** While a batch of its deliveries is on the job queue: one batch at a time keeps its concurrency bound. */
  @Column({ name: 'batch_leased_until', type: 'timestamptz', nullable: true, select: false })
  batchLeasedUntil: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
