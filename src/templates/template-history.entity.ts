import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TemplateColumns } from './template.columns';

/** Every template status event, late ones included. */
@Entity('template_history')
// GET /templates/:templateId/history, oldest first
@Index('template_history_template_time_idx', ['templateId', 'eventTime', 'seq'])
@Index('template_history_event_id_key', ['eventId'], { unique: true })
export class TemplateHistoryEntity extends TemplateColumns {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ name: 'template_id', type: 'text' })
  templateId: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
