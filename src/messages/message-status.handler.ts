import { unnestRows, unnestValues, type UnnestColumn } from '../common/unnest.sql';
import { MESSAGE_STATUS_EXAMPLES } from './message-status.examples';
import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { BusEvent, EventHandler, HandlerContext } from '../event-bus/event-handler';
import { MessageStatusBodyDto } from './message-status-body.dto';
import { statusMilestones, statusRank } from './message-status.rules';

export const MESSAGE_STATUS_EVENT = 'whatsapp_message_status_updated';

const COLUMNS: UnnestColumn[] = [
  { name: 'event_id', type: 'text' },
  { name: 'message_id', type: 'text' },
  { name: 'account_name', type: 'text' },
  { name: 'waba_id', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'status_rank', type: 'smallint' },
  { name: 'event_time', type: 'timestamptz' },
  { name: 'wamid', type: 'text' },
  { name: 'conversation_id', type: 'text' },
  { name: 'conversation_initiate_type', type: 'text' },
  { name: 'conversation_expire_at', type: 'timestamptz' },
  { name: 'error_code', type: 'text' },
  { name: 'error_message', type: 'text' },
  { name: 'currency', type: 'text' },
  { name: 'sent_at', type: 'timestamptz' },
  { name: 'delivered_at', type: 'timestamptz' },
  { name: 'delivered_at_inferred', type: 'boolean' },
  { name: 'read_at', type: 'timestamptz' },
  { name: 'failed_at', type: 'timestamptz' },
];

const wins = '(EXCLUDED.status_rank, EXCLUDED.status_event_time, EXCLUDED.status_event_id) > (m.status_rank, m.status_event_time, m.status_event_id)';
const newerError = '(EXCLUDED.error_event_time IS NOT NULL AND (m.error_event_time IS NULL OR EXCLUDED.error_event_time >= m.error_event_time))';

/** The status that decides the current state: highest rank, then latest event time, then event id. */
const DECIDING = 'ORDER BY status_rank DESC, event_time DESC, event_id DESC';
const EARLIEST = 'ORDER BY event_time, event_id';
const first = (column: string, order: string, condition = `${column} IS NOT NULL`) => `(array_agg(${column} ${order}) FILTER (WHERE ${condition}))[1]`;
const HAS_ERROR = 'error_code IS NOT NULL OR error_message IS NOT NULL';
const REAL_DELIVERY = 'delivered_at IS NOT NULL AND NOT delivered_at_inferred';

/**
 * One statement records the statuses in the history (once per event) and moves each message's
 * state forward. The statuses of one message in the batch are first merged the way they would
 * be applied one by one; then the merge with the stored row is decided inside PostgreSQL on the
 * locked row, so concurrent and out-of-order events always end in the same state:
 * - the current status changes only to a higher (rank, event time, event id);
 * - each milestone keeps its earliest time; a read stands in for the delivery time only until
 *   a real delivered status arrives;
 * - the error is the one of the latest failure report.
 * Rows are written in message id order, so concurrent writers lock them in the same order.
 */
const RECORD_STATUSES = `
  WITH input AS (${unnestRows('i', COLUMNS)}),
  history AS (
    INSERT INTO message_statuses (event_id, message_id, status, status_rank, event_time, wamid, conversation_id, error_code, error_message)
    SELECT event_id, message_id, status, status_rank, event_time, wamid, conversation_id, error_code, error_message FROM input
    ON CONFLICT (event_id) DO NOTHING
  ),
  merged AS (
    SELECT message_id,
      ${first('event_id', DECIDING, 'true')} AS status_event_id,
      ${first('status', DECIDING, 'true')} AS status,
      max(status_rank) AS status_rank,
      ${first('event_time', DECIDING, 'true')} AS status_event_time,
      ${first('account_name', EARLIEST)} AS account_name,
      ${first('waba_id', EARLIEST)} AS waba_id,
      ${first('wamid', EARLIEST)} AS wamid,
      ${first('conversation_id', EARLIEST)} AS conversation_id,
      ${first('conversation_initiate_type', EARLIEST, 'conversation_id IS NOT NULL')} AS conversation_initiate_type,
      ${first('conversation_expire_at', EARLIEST, 'conversation_id IS NOT NULL')} AS conversation_expire_at,
      ${first('currency', EARLIEST)} AS currency,
      ${first('error_code', 'ORDER BY event_time DESC, event_id DESC', HAS_ERROR)} AS error_code,
      ${first('error_message', 'ORDER BY event_time DESC, event_id DESC', HAS_ERROR)} AS error_message,
      max(event_time) FILTER (WHERE ${HAS_ERROR}) AS error_event_time,
      min(sent_at) AS sent_at,
      coalesce(min(delivered_at) FILTER (WHERE ${REAL_DELIVERY}), min(delivered_at)) AS delivered_at,
      (min(delivered_at) IS NOT NULL AND count(*) FILTER (WHERE ${REAL_DELIVERY}) = 0) AS delivered_at_inferred,
      min(read_at) AS read_at,
      min(failed_at) AS failed_at,
      min(event_time) AS first_event_time,
      max(event_time) AS last_event_time
    FROM input GROUP BY message_id
  )
  INSERT INTO messages AS m (
    id, status_event_id, status, status_rank, status_event_time, account_name, waba_id, wamid,
    conversation_id, conversation_initiate_type, conversation_expire_at, currency,
    error_code, error_message, error_event_time,
    sent_at, delivered_at, delivered_at_inferred, read_at, failed_at, first_event_time, last_event_time
  )
  SELECT * FROM merged ORDER BY message_id
  ON CONFLICT (id) DO UPDATE SET
    status = CASE WHEN ${wins} THEN EXCLUDED.status ELSE m.status END,
    status_rank = CASE WHEN ${wins} THEN EXCLUDED.status_rank ELSE m.status_rank END,
    status_event_time = CASE WHEN ${wins} THEN EXCLUDED.status_event_time ELSE m.status_event_time END,
    status_event_id = CASE WHEN ${wins} THEN EXCLUDED.status_event_id ELSE m.status_event_id END,
    wamid = COALESCE(m.wamid, EXCLUDED.wamid),
    account_name = COALESCE(m.account_name, EXCLUDED.account_name),
    waba_id = COALESCE(m.waba_id, EXCLUDED.waba_id),
    conversation_id = CASE WHEN m.conversation_id IS NULL THEN EXCLUDED.conversation_id ELSE m.conversation_id END,
    conversation_initiate_type = CASE WHEN m.conversation_id IS NULL THEN EXCLUDED.conversation_initiate_type ELSE m.conversation_initiate_type END,
    conversation_expire_at = CASE WHEN m.conversation_id IS NULL THEN EXCLUDED.conversation_expire_at ELSE m.conversation_expire_at END,
    currency = COALESCE(m.currency, EXCLUDED.currency),
    error_code = CASE WHEN ${newerError} THEN EXCLUDED.error_code ELSE m.error_code END,
    error_message = CASE WHEN ${newerError} THEN EXCLUDED.error_message ELSE m.error_message END,
    error_event_time = CASE WHEN ${newerError} THEN EXCLUDED.error_event_time ELSE m.error_event_time END,
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

function statusRow({ body, eventId, eventTime }: BusEvent<MessageStatusBodyDto>): Record<string, unknown> {
  const milestones = statusMilestones(body.status, eventTime);
  return {
    event_id: eventId,
    message_id: body.id,
    account_name: body.accountName,
    waba_id: body.wabaId,
    status: body.status,
    status_rank: statusRank(body.status),
    event_time: eventTime,
    wamid: body.wamid,
    conversation_id: body.conversation?.id,
    conversation_initiate_type: body.conversation?.initiateType,
    conversation_expire_at: body.conversation?.expireAt,
    error_code: body.errorData?.errorCode,
    error_message: body.errorData?.errorMessage,
    currency: body.currency,
    sent_at: milestones.sentAt,
    delivered_at: milestones.deliveredAt,
    delivered_at_inferred: milestones.deliveredAtInferred,
    read_at: milestones.readAt,
    failed_at: milestones.failedAt,
  };
}

@HandlesEvent(MESSAGE_STATUS_EVENT, MessageStatusBodyDto, MESSAGE_STATUS_EXAMPLES)
export class MessageStatusHandler implements EventHandler<MessageStatusBodyDto> {
  async handle(events: BusEvent<MessageStatusBodyDto>[], { query }: HandlerContext): Promise<void> {
    await query(RECORD_STATUSES, unnestValues(events.map(statusRow), COLUMNS));
  }
}
