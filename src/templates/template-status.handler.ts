import { LatestStateWriter } from '../common/latest-state/latest-state.sql';
import { TEMPLATE_STATUS_EXAMPLES } from './template-status.examples';
import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { BusEvent, EventHandler, HandlerContext } from '../event-bus/event-handler';
import { TemplateStatusBodyDto } from './template-status-body.dto';

export const TEMPLATE_STATUS_EVENT = 'whatsapp_template_status_updated';

const templates = new LatestStateWriter({
  stateTable: 'templates',
  historyTable: 'template_history',
  keyColumn: 'template_id',
  columns: ['template_id', 'account_name', 'waba_id', 'template_name', 'template_language', 'category', 'status', 'reason'].map((name) => ({
    name,
    type: 'text',
  })),
});

@HandlesEvent(TEMPLATE_STATUS_EVENT, TemplateStatusBodyDto, TEMPLATE_STATUS_EXAMPLES)
export class TemplateStatusHandler implements EventHandler<TemplateStatusBodyDto> {
  async handle(events: BusEvent<TemplateStatusBodyDto>[], { query }: HandlerContext): Promise<void> {
    await templates.write(
      query,
      events.map(({ body, eventId, eventTime }) => ({
        event_id: eventId,
        event_time: eventTime,
        template_id: body.templateId,
        account_name: body.accountName,
        waba_id: body.wabaId,
        template_name: body.templateName,
        template_language: body.templateLanguage,
        category: body.category,
        status: body.templateStatus,
        reason: body.reason,
      })),
    );
  }
}
