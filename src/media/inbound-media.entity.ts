import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const MEDIA_STATES = ['pending', 'stored', 'failed', 'not_configured'] as const;
/** pending: to fetch (or fetching); not_configured: no API password for its account yet. */
export type MediaState = (typeof MEDIA_STATES)[number];

/** The file behind an inbound media message's link, and how fetching it went. */
@Entity('inbound_media')
// GET /inbound-messages?mediaState=, and the pending work re-queued on start
@Index('inbound_media_state_idx', ['state'])
export class InboundMediaEntity {
  /** The inbound message (inbound_messages.id) the file belongs to. */
  @PrimaryColumn({ name: 'message_id', type: 'text' })
  messageId: string;

  /** The vendor API account whose password signs the download. */
  @Column({ name: 'account_name', type: 'text', nullable: true })
  accountName: string | null;

  @Column({ name: 'waba_id', type: 'text', nullable: true })
  wabaId: string | null;

  @Column({ type: 'text' })
  link: string;

  /** Base64 of the file's SHA-256, as the webhook gave it. */
  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  @Column({ name: 'mime_type', type: 'text', nullable: true })
  mimeType: string | null;

  /** A document's file name, as the customer's phone named it. */
  @Column({ type: 'text', nullable: true })
  filename: string | null;

  @Column({ type: 'text', default: 'pending' })
  state: MediaState;

  @Column({ type: 'bigint', nullable: true })
  bytes: string | null;

  /** Where the storage keeps the file: the hex SHA-256 of its content. */
  @Column({ name: 'content_key', type: 'text', nullable: true })
  contentKey: string | null;

  @Column({ name: 'stored_at', type: 'timestamptz', nullable: true })
  storedAt: Date | null;

  /** Download attempts made so far. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Why the last attempt failed (the reason for good when the state is failed). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
