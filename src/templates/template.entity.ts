import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TemplateColumns } from './template.columns';

/** A message template's latest state, from the event with the latest event time. */
@Entity('templates')
// GET /templates?wabaId=&name=&language= (a template by name and language)
@Index('templates_waba_name_language_idx', ['wabaId', 'templateName', 'templateLanguage'])
// GET /templates?name=
@Index('templates_name_idx', ['templateName'])
// GET /templates?status= newest first
@Index('templates_status_seq_idx', ['status', 'seq'])
// GET /templates?category= newest first
@Index('templates_category_seq_idx', ['category', 'seq'])
export class TemplateEntity extends TemplateColumns {
  @PrimaryColumn({ name: 'template_id', type: 'text' })
  templateId: string;

  @Index('templates_seq_key', { unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
