import { unnestColumns, unnestRows, unnestValues, type UnnestColumn } from '../common/unnest.sql';
import { MESSAGE_STATUS_EXAMPLES } from './message-status.examples';
import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { BusEvent, EventHandler, HandlerContext } from '../event-bus/event-handler';
import { MessageStatusBodyDto } from './message-status-body.dto';
import { isFailure, statusMilestones, statusRank } from './message-status.rules';
import { mergeStatusesByMessage, type StatusRow } from './message-status-merge.rules';
import { countFailureReasons, countFunnelMoves } from '../stats/stats-rollups.sql';

export const MESSAGE_STATUS_EVENT = 'whatsapp_message_status_updated';

const text = (...names: string[]) => unnestColumns('text', ...names);
const timestamps = (...names: string[]) => unnestColumns('timestamptz', ...names);

/** One row per status event, for the history. */
const HISTORY_COLUMNS: UnnestColumn[] = [
  ...text('event_id', 'message_id', 'status'),
  { name: 'status_rank', type: 'smallint' },
  ...timestamps('event_time'),
  ...text('wamid', 'conversation_id', 'error_code', 'error_message'),
];

/** One row per message: what the batch's statuses say about it (mergeStatusesByMessage). */
const MESSAGE_COLUMNS: UnnestColumn[] = [
  ...text('id', 'status_event_id', 'status'),
  { name: 'status_rank', type: 'smallint' },
  ...timestamps('status_event_time'),
  ...text('account_name', 'waba_id', 'wamid', 'conversation_id', 'conversation_initiate_type'),
  ...timestamps('conversation_expire_at'),
  ...text('currency', 'error_code', 'error_message'),
  ...timestamps('error_event_time', 'sent_at', 'delivered_at'),
  { name: 'delivered_at_inferred', type: 'boolean' },
  ...timestamps('read_at', 'failed_at', 'first_event_time', 'last_event_time'),
];

/** The deciding status is the highest (rank, event time, event id); ids compare by code point, as the batch merge does. */
const wins =
  '(EXCLUDED.status_rank, EXCLUDED.status_event_time, EXCLUDED.status_event_id COLLATE "C") > (m.status_rank, m.status_event_time, m.status_event_id COLLATE "C")';
const newerError = '(EXCLUDED.error_event_time IS NOT NULL AND (m.error_event_time IS NULL OR EXCLUDED.error_event_time >= m.error_event_time))';

/**
 * One statement records the statuses in the history (once per event), moves each message's state
 * forward and keeps the rollups of the delivery funnel and of the failure reasons. The statuses of
 * one message in the batch arrive merged the way they would be applied one by one
 * (mergeStatusesByMessage); the merge with the stored row is decided inside PostgreSQL on the
 * locked row, so concurrent and out-of-order events always end in the same state:
 * - the current status changes only to a higher (rank, event time, event id);
 * - each milestone keeps its earliest time; a read stands in for the delivery time only until
 *   a real delivered status arrives;
 * - the error is the one of the latest failure report.
 * Rows are written in message id order, so concurrent writers lock them in the same order.
 * A batch without a failure report has nothing for the failure-reason rollup: its statement
 * leaves that part out, which spares PostgreSQL setting it up for most batches.
 */
const recordStatuses = (withFailureReports: boolean) => `
  WITH history AS (
    INSERT INTO message_statuses (${HISTORY_COLUMNS.map((column) => column.name).join(', ')})
    ${unnestRows('h', HISTORY_COLUMNS)}
    ON CONFLICT (event_id) DO NOTHING
    RETURNING received_at, message_id, status_rank, error_code, error_message
  ),
  written AS (
    INSERT INTO messages AS m (${MESSAGE_COLUMNS.map((column) => column.name).join(', ')})
    SELECT * FROM (${unnestRows('i', MESSAGE_COLUMNS, HISTORY_COLUMNS.length + 1)}) AS merged ORDER BY id
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
      updated_at = now(),
      previous_status_rank = m.status_rank
    RETURNING previous_status_rank AS old_rank, status_rank AS new_rank, created_at
  )${
    withFailureReports
      ? `,
  failures AS (${countFailureReasons('history')})`
      : ''
  }
  ${countFunnelMoves('written')}`;
const RECORD_STATUSES = recordStatuses(false);
const RECORD_STATUSES_AND_FAILURES = recordStatuses(true);

function statusRow({ body, eventId, eventTime }: BusEvent<MessageStatusBodyDto>): StatusRow {
  const milestones = statusMilestones(body.status, eventTime);
  return {
    event_id: eventId,
    message_id: body.id,
    status: body.status,
    status_rank: statusRank(body.status),
    event_time: eventTime,
    account_name: body.accountName ?? null,
    waba_id: body.wabaId ?? null,
    wamid: body.wamid ?? null,
    conversation_id: body.conversation?.id ?? null,
    conversation_initiate_type: body.conversation?.initiateType ?? null,
    conversation_expire_at: body.conversation?.expireAt ?? null,
    error_code: body.errorData?.errorCode ?? null,
    error_message: body.errorData?.errorMessage ?? null,
    currency: body.currency ?? null,
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
    const statuses = events.map(statusRow);
    const failureReported = statuses.some((row) => isFailure(row.status));
    await query(failureReported ? RECORD_STATUSES_AND_FAILURES : RECORD_STATUSES, [
      ...unnestValues(statuses, HISTORY_COLUMNS),
      ...unnestValues(mergeStatusesByMessage(statuses), MESSAGE_COLUMNS),
    ]);
  }
}
