import { unnestColumns, unnestRows, unnestValues, type UnnestColumn } from '../common/unnest.sql';
import { INBOUND_MESSAGE_EXAMPLES } from './inbound-message.examples';
import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { BusEvent, EventHandler, HandlerContext } from '../event-bus/event-handler';
import { MediaService } from '../media/media.service';
import { countInboundMessages } from '../stats/stats-rollups.sql';
import { InboundMessageBodyDto } from './inbound-message-body.dto';
import { inboundContent, repliedToWamid, searchableText, type InboundContentSource } from './inbound-message.rules';

export const INBOUND_MESSAGE_EVENT = 'whatsapp_mo_message_received';

const COLUMNS: UnnestColumn[] = [
  ...unnestColumns('text', 'id', 'event_id', 'wamid', 'account_name', 'waba_id', 'from_phone', 'to_phone'),
  { name: 'send_time', type: 'timestamptz' },
  ...unnestColumns('text', 'type', 'customer_name', 'context_from', 'context_wamid', 'text'),
  { name: 'content', type: 'jsonb' },
];

/**
 * Stores each message once by its vendor id and, only for the new ones, counts them for their
 * customer and in the inbound rollup, and keeps the profile name seen latest: one statement, so a
 * replay changes nothing.
 */
const RECORD_MESSAGES = `
  WITH input AS (${unnestRows('i', COLUMNS)}),
  inserted AS (
    INSERT INTO inbound_messages (${COLUMNS.map((column) => column.name).join(', ')})
    SELECT * FROM input ORDER BY id
    ON CONFLICT (id) DO NOTHING
    RETURNING waba_id, from_phone, customer_name, send_time, received_at, type
  ),
  counted AS (${countInboundMessages('inserted')}),
  seen AS (
    SELECT coalesce(waba_id, '') AS waba_id, from_phone AS phone,
      (array_agg(customer_name ORDER BY send_time DESC) FILTER (WHERE customer_name IS NOT NULL))[1] AS name,
      max(send_time) FILTER (WHERE customer_name IS NOT NULL) AS name_seen_at,
      min(send_time) AS first_seen_at, max(send_time) AS last_seen_at, count(*)::int AS messages
    FROM inserted GROUP BY 1, 2
  )
  INSERT INTO customers AS c (waba_id, phone, name, name_seen_at, first_seen_at, last_seen_at, message_count)
  SELECT * FROM seen ORDER BY waba_id, phone
  ON CONFLICT (waba_id, phone) DO UPDATE SET
    name = CASE WHEN EXCLUDED.name IS NOT NULL AND (c.name_seen_at IS NULL OR EXCLUDED.name_seen_at >= c.name_seen_at) THEN EXCLUDED.name ELSE c.name END,
    name_seen_at = GREATEST(c.name_seen_at, EXCLUDED.name_seen_at),
    first_seen_at = LEAST(c.first_seen_at, EXCLUDED.first_seen_at),
    last_seen_at = GREATEST(c.last_seen_at, EXCLUDED.last_seen_at),
    message_count = c.message_count + EXCLUDED.message_count`;

function messageRow({ body, eventId, eventTime }: BusEvent<InboundMessageBodyDto>): Record<string, unknown> {
  const source = body as unknown as InboundContentSource;
  const content = inboundContent(source);
  return {
    id: body.id,
    event_id: eventId,
    wamid: body.wamid,
    account_name: body.accountName,
    waba_id: body.wabaId,
    from_phone: body.from,
    to_phone: body.to,
    send_time: body.sendTime ?? eventTime,
    type: body.type,
    customer_name: body.customerProfile?.name,
    context_from: body.context?.from,
    context_wamid: repliedToWamid(source),
    text: searchableText(source),
    content: content === null ? null : JSON.stringify(content),
  };
}

@HandlesEvent(INBOUND_MESSAGE_EVENT, InboundMessageBodyDto, INBOUND_MESSAGE_EXAMPLES)
export class InboundMessageHandler implements EventHandler<InboundMessageBodyDto> {
  constructor(private readonly media: MediaService) {}

  async handle(events: BusEvent<InboundMessageBodyDto>[], { query }: HandlerContext): Promise<void> {
    const media = events.map(({ body }) => ({
      id: body.id,
      accountName: body.accountName,
      wabaId: body.wabaId,
      body: body as unknown as InboundContentSource,
    }));
    // Issued together: the media rows and their download jobs commit with the messages.
    await Promise.all([query(RECORD_MESSAGES, unnestValues(events.map(messageRow), COLUMNS)), this.media.recordInTransaction(query, media)]);
  }
}
