import { latestStateStatement } from '../common/latest-state.sql';
import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { EventContext, EventHandler } from '../event-bus/event-handler';
import { TemplateStatusBodyDto } from './template-status-body.dto';

export const TEMPLATE_STATUS_EVENT = 'whatsapp_template_status_updated';

const RECORD_TEMPLATE_STATUS = latestStateStatement({
  stateTable: 'templates',
  historyTable: 'template_history',
  keyColumns: ['template_id'],
  columns: ['template_id', 'account_name', 'waba_id', 'template_name', 'template_language', 'category', 'status', 'reason'],
});

@HandlesEvent(TEMPLATE_STATUS_EVENT, TemplateStatusBodyDto)
export class TemplateStatusHandler implements EventHandler<TemplateStatusBodyDto> {
  async handle(body: TemplateStatusBodyDto, { eventId, eventTime, manager }: EventContext): Promise<void> {
    await manager.query(RECORD_TEMPLATE_STATUS, [
      eventId,
      eventTime,
      body.templateId,
      body.accountName ?? null,
      body.wabaId ?? null,
      body.templateName ?? null,
      body.templateLanguage ?? null,
      body.category ?? null,
      body.templateStatus,
      body.reason ?? null,
    ]);
  }
}
