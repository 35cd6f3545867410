/** What a status event says about its message besides the status: kept from the earliest that says it (the error: the latest). */
type MessageDescription = {
  account_name: string | null;
  waba_id: string | null;
  wamid: string | null;
  conversation_id: string | null;
  conversation_initiate_type: string | null;
  conversation_expire_at: string | null;
  currency: string | null;
  error_code: string | null;
  error_message: string | null;
};

/** The time of each milestone a message reached (see statusMilestones). */
type MessageMilestones = {
  sent_at: Date | null;
  delivered_at: Date | null;
  delivered_at_inferred: boolean;
  read_at: Date | null;
  failed_at: Date | null;
};

/** One status event as the history keeps it, with the milestone times it proves. */
export type StatusRow = {
  event_id: string;
  message_id: string;
  status: string;
  status_rank: number;
  event_time: Date;
} & MessageDescription &
  MessageMilestones;

/** What one batch's statuses say about one message: the row the store merges with the message it holds. */
export type MergedMessageRow = {
  id: string;
  status_event_id: string;
  status: string;
  status_rank: number;
  status_event_time: Date;
  error_event_time: Date | null;
  first_event_time: Date;
  last_event_time: Date;
} & MessageDescription &
  MessageMilestones;

/**
 * Event ids compared by code point, as PostgreSQL compares them with `COLLATE "C"`: the store
 * breaks a tie of rank and event time the same way, whatever the database's collation.
 */
export function compareEventIds(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Whether `row` decides the current status over `other`: higher rank, then later event time, then greater event id. */
function decidesOver(row: StatusRow, other: StatusRow): boolean {
  if (row.status_rank !== other.status_rank) {
    return row.status_rank > other.status_rank;
  }
  const time = row.event_time.getTime() - other.event_time.getTime();
  return time !== 0 ? time > 0 : compareEventIds(row.event_id, other.event_id) > 0;
}

function earliestFirst(a: StatusRow, b: StatusRow): number {
  return a.event_time.getTime() - b.event_time.getTime() || compareEventIds(a.event_id, b.event_id);
}

function earliestOf(times: (Date | null)[]): Date | null {
  return times.reduce<Date | null>((earliest, time) => (time !== null && (earliest === null || time < earliest) ? time : earliest), null);
}

const hasError = (row: StatusRow) => row.error_code !== null || row.error_message !== null;

/**
 * Merges one message's statuses of a batch the way applying them one by one would: the deciding
 * status (highest rank, then latest event time, then event id), the earliest value of each
 * descriptive field, the latest failure report, and the earliest time of each milestone, where a
 * real delivery outranks one a read implied.
 */
function mergeOneMessage(rows: StatusRow[]): MergedMessageRow {
  const earliest = [...rows].sort(earliestFirst);
  const deciding = rows.reduce((best, row) => (decidesOver(row, best) ? row : best));
  const firstKnown = <Key extends keyof StatusRow>(key: Key): StatusRow[Key] | null => earliest.find((row) => row[key] !== null)?.[key] ?? null;
  const conversation = earliest.find((row) => row.conversation_id !== null);
  const lastError = [...earliest].reverse().find(hasError);
  const realDelivery = earliestOf(rows.filter((row) => !row.delivered_at_inferred).map((row) => row.delivered_at));
  const anyDelivery = earliestOf(rows.map((row) => row.delivered_at));
  return {
    id: deciding.message_id,
    status_event_id: deciding.event_id,
    status: deciding.status,
    status_rank: deciding.status_rank,
    status_event_time: deciding.event_time,
    account_name: firstKnown('account_name'),
    waba_id: firstKnown('waba_id'),
    wamid: firstKnown('wamid'),
    conversation_id: conversation?.conversation_id ?? null,
    conversation_initiate_type: conversation?.conversation_initiate_type ?? null,
    conversation_expire_at: conversation?.conversation_expire_at ?? null,
    currency: firstKnown('currency'),
    error_code: lastError?.error_code ?? null,
    error_message: lastError?.error_message ?? null,
    error_event_time: lastError?.event_time ?? null,
    sent_at: earliestOf(rows.map((row) => row.sent_at)),
    delivered_at: realDelivery ?? anyDelivery,
    delivered_at_inferred: anyDelivery !== null && realDelivery === null,
    read_at: earliestOf(rows.map((row) => row.read_at)),
    failed_at: earliestOf(rows.map((row) => row.failed_at)),
    first_event_time: earliest[0].event_time,
    last_event_time: earliest[earliest.length - 1].event_time,
  };
}

/** One merged row per message of the batch's statuses (each event id once), in no particular order. */
export function mergeStatusesByMessage(rows: readonly StatusRow[]): MergedMessageRow[] {
  const byMessage = new Map<string, StatusRow[]>();
  for (const row of rows) {
    const statuses = byMessage.get(row.message_id);
    if (statuses) {
      statuses.push(row);
    } else {
      byMessage.set(row.message_id, [row]);
    }
  }
  return [...byMessage.values()].map(mergeOneMessage);
}
