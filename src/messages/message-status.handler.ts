import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { EventContext, EventHandler } from '../event-bus/event-handler';
import { MessageStatusBodyDto } from './message-status-body.dto';
import { statusMilestones, statusRank } from './message-status.rules';

export const MESSAGE_STATUS_EVENT = 'whatsapp_message_status_updated';

/**
 * One statement records the status in the history (once per event) and moves the message's
 * state forward. The decision is made inside PostgreSQL on the locked row, so concurrent and
 * out-of-order events always end in the same state:
 * - the current status changes only to a higher (rank, event time, event id);
 * - each milestone keeps its earliest time; a read stands in for the delivery time only until
 *   a real delivered status arrives;
 * - the error is the one of the latest failure report.
 */
const RECORD_STATUS = `
  WITH history AS (
    INSERT INTO message_statuses (event_id, message_id, status, status_rank, event_time, wamid, conversation_id, error_code, error_message)
    VALUES ($1, $2, $5, $6, $7, $8, $9, $12, $13)
    ON CONFLICT (event_id) DO NOTHING
  )
  INSERT INTO messages AS m (
    id, status_event_id, account_name, waba_id, status, status_rank, status_event_time, wamid,
    conversation_id, conversation_initiate_type, conversation_expire_at, currency,
    error_code, error_message, error_event_time,
    sent_at, delivered_at, delivered_at_inferred, read_at, failed_at, first_event_time, last_event_time
  ) VALUES (
    $2, $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $14, $12, $13, CASE WHEN $12::text IS NOT NULL OR $13::text IS NOT NULL THEN $7 END,
    $15, $16, $17, $18, $19, $7, $7
  )
  ON CONFLICT (id) DO UPDATE SET
    status = CASE WHEN ${wins()} THEN EXCLUDED.status ELSE m.status END,
    status_rank = CASE WHEN ${wins()} THEN EXCLUDED.status_rank ELSE m.status_rank END,
    status_event_time = CASE WHEN ${wins()} THEN EXCLUDED.status_event_time ELSE m.status_event_time END,
    status_event_id = CASE WHEN ${wins()} THEN EXCLUDED.status_event_id ELSE m.status_event_id END,
    wamid = COALESCE(m.wamid, EXCLUDED.wamid),
    account_name = COALESCE(m.account_name, EXCLUDED.account_name),
    waba_id = COALESCE(m.waba_id, EXCLUDED.waba_id),
    conversation_id = CASE WHEN m.conversation_id IS NULL THEN EXCLUDED.conversation_id ELSE m.conversation_id END,
    conversation_initiate_type = CASE WHEN m.conversation_id IS NULL THEN EXCLUDED.conversation_initiate_type ELSE m.conversation_initiate_type END,
    conversation_expire_at = CASE WHEN m.conversation_id IS NULL THEN EXCLUDED.conversation_expire_at ELSE m.conversation_expire_at END,
    currency = COALESCE(m.currency, EXCLUDED.currency),
    error_code = CASE WHEN ${newerError()} THEN EXCLUDED.error_code ELSE m.error_code END,
    error_message = CASE WHEN ${newerError()} THEN EXCLUDED.error_message ELSE m.error_message END,
    error_event_time = CASE WHEN ${newerError()} THEN EXCLUDED.error_event_time ELSE m.error_event_time END,
    sent_at = LEAST(m.sent_at, EXCLUDED.sent_at),
    delivered_at = CASE
      WHEN EXCLUDED.delivered_at IS NULL THEN m.delivered_at
      WHEN m.delivered_at IS NULL THEN EXCLUDED.delivered_at
      WHEN m.delivered_at_inferred = EXCLUDED.delivered_at_inferred THEN LEAST(m.delivered_at, EXCLUDED.delivered_at)
      WHEN m.delivered_at_inferred THEN EXCLUDED.delivered_at
      ELSE m.delivered_at END,
    delivered_at_inferred = CASE
      WHEN EXCLUDED.delivered_at IS NULL THEN m.delivered_at_inferred
      WHEN m.delivered_at IS NULL THEN EXCLUDED.delivered_at_inferred
      ELSE m.delivered_at_inferred AND EXCLUDED.delivered_at_inferred END,
    read_at = LEAST(m.read_at, EXCLUDED.read_at),
    failed_at = LEAST(m.failed_at, EXCLUDED.failed_at),
    first_event_time = LEAST(m.first_event_time, EXCLUDED.first_event_time),
    last_event_time = GREATEST(m.last_event_time, EXCLUDED.last_event_time),
    updated_at = now()`;

function wins(): string {
  return '(EXCLUDED.status_rank, EXCLUDED.status_event_time, EXCLUDED.status_event_id) > (m.status_rank, m.status_event_time, m.status_event_id)';
}

function newerError(): string {
  return '(EXCLUDED.error_event_time IS NOT NULL AND (m.error_event_time IS NULL OR EXCLUDED.error_event_time >= m.error_event_time))';
}

@HandlesEvent(MESSAGE_STATUS_EVENT, MessageStatusBodyDto)
export class MessageStatusHandler implements EventHandler<MessageStatusBodyDto> {
  async handle(body: MessageStatusBodyDto, { eventId, eventTime, manager }: EventContext): Promise<void> {
    const milestones = statusMilestones(body.status, eventTime);
    await manager.query(RECORD_STATUS, [
      eventId,
      body.id,
      body.accountName ?? null,
      body.wabaId ?? null,
      body.status,
      statusRank(body.status),
      eventTime,
      body.wamid ?? null,
      body.conversation?.id ?? null,
      body.conversation?.initiateType ?? null,
      body.conversation?.expireAt ?? null,
      body.errorData?.errorCode ?? null,
      body.errorData?.errorMessage ?? null,
      body.currency ?? null,
      milestones.sentAt,
      milestones.deliveredAt,
      milestones.deliveredAtInferred,
      milestones.readAt,
      milestones.failedAt,
    ]);
  }
}
