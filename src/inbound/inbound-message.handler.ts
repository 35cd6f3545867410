import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { EventContext, EventHandler } from '../event-bus/event-handler';
import { InboundMessageBodyDto } from './inbound-message-body.dto';
import { inboundContent, repliedToWamid, searchableText, type InboundContentSource } from './inbound-message.rules';

export const INBOUND_MESSAGE_EVENT = 'whatsapp_mo_message_received';

/**
 * Stores the message once by its vendor id and, only when it is new, counts it for its
 * customer and keeps the profile name seen latest: one statement, so a replay changes nothing.
 */
const RECORD_MESSAGE = `
  WITH inserted AS (
    INSERT INTO inbound_messages (id, event_id, wamid, account_name, waba_id, from_phone, to_phone, send_time, type,
                                  customer_name, context_from, context_wamid, text, content)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)
    ON CONFLICT (id) DO NOTHING
    RETURNING waba_id, from_phone, customer_name, send_time
  )
  INSERT INTO customers AS c (waba_id, phone, name, name_seen_at, first_seen_at, last_seen_at, message_count)
  SELECT coalesce(waba_id, ''), from_phone, customer_name, CASE WHEN customer_name IS NOT NULL THEN send_time END, send_time, send_time, 1
  FROM inserted
  ON CONFLICT (waba_id, phone) DO UPDATE SET
    name = CASE WHEN EXCLUDED.name IS NOT NULL AND (c.name_seen_at IS NULL OR EXCLUDED.name_seen_at >= c.name_seen_at) THEN EXCLUDED.name ELSE c.name END,
    name_seen_at = GREATEST(c.name_seen_at, EXCLUDED.name_seen_at),
    first_seen_at = LEAST(c.first_seen_at, EXCLUDED.first_seen_at),
    last_seen_at = GREATEST(c.last_seen_at, EXCLUDED.last_seen_at),
    message_count = c.message_count + 1`;

@HandlesEvent(INBOUND_MESSAGE_EVENT, InboundMessageBodyDto)
export class InboundMessageHandler implements EventHandler<InboundMessageBodyDto> {
  async handle(body: InboundMessageBodyDto, { eventId, eventTime, manager }: EventContext): Promise<void> {
    const source = body as unknown as InboundContentSource;
    const content = inboundContent(source);
    await manager.query(RECORD_MESSAGE, [
      body.id,
      eventId,
      body.wamid ?? null,
      body.accountName ?? null,
      body.wabaId ?? null,
      body.from,
      body.to ?? null,
      body.sendTime ?? eventTime,
      body.type,
      body.customerProfile?.name ?? null,
      body.context?.from ?? null,
      repliedToWamid(source),
      searchableText(source),
      content === null ? null : JSON.stringify(content),
    ]);
  }
}
