import { Column } from 'typeorm';
import { EventStampedColumns } from '../common/event-stamped.columns';

/** What one template status event says: the state row and each history row hold it. */
export abstract class TemplateColumns extends EventStampedColumns {
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
}
