import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every template status event, late ones included. */
@Entity('template_history')
// GET /templates/:templateId/history, oldest first
@Index('template_history_template_time_idx', ['templateId', 'eventTime', 'seq'])
export class TemplateHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Index('template_history_event_id_key', { unique: true })
  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime: Date;

  @Column({ name: 'template_id', type: 'text' })
  templateId: string;

  @Column({ name: 'account_name', type: 'text', nullable: true })
  accountName: string | null;

  @Column({ name: 'waba_id', type: 'text', nullable: true })
  wabaId: string | null;

  @Column({ name: 'template_name', type: 'text', nullable: true })
  templateName: string | null;

  @Column({ name: 'template_language', type: 'text', nullable: true })
  templateLanguage: string | null;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
