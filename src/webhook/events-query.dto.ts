import { OptionalText } from '../common/dto.decorators';
import { OptionalOneOf } from '../common/query.decorators';
import { TimeRangeQueryDto } from '../common/pagination/page';
import { EVENT_STATES } from './webhook-event.entity';

export const EVENT_STATE_FILTERS = [...EVENT_STATES, 'conflict'] as const;

export class EventsQueryDto extends TimeRangeQueryDto {
  @OptionalText({ example: 'whatsapp_message_status_updated' }, 200)
  type?: string;

  @OptionalOneOf(EVENT_STATE_FILTERS, { description: '`conflict`: events whose id was re-used with other content' })
  state?: (typeof EVENT_STATE_FILTERS)[number];
}
