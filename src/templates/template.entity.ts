import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A message template's latest state (SPEC 3.3), from the event with the latest event time. */
@Entity('templates')
// GET /templates?wabaId=&name=&language= (a template by name and language)
@Index('templates_waba_name_language_idx', ['wabaId', 'templateName', 'templateLanguage'])
// GET /templates?name=
@Index('templates_name_idx', ['templateName'])
// GET /templates?status= newest first
@Index('templates_status_seq_idx', ['status', 'seq'])
// GET /templates?category= newest first
@Index('templates_category_seq_idx', ['category', 'seq'])
export class TemplateEntity {
  @PrimaryColumn({ name: 'template_id', type: 'text' })
  templateId: string;

  @Index('templates_seq_key', { unique: true })
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime: Date;

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

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
