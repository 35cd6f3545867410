import { compareEventIds, mergeStatusesByMessage, type StatusRow } from './message-status-merge.rules';
import { statusMilestones, statusRank } from './message-status.rules';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, seconds));

function status(eventId: string, messageId: string, value: string, seconds: number, extra: Partial<StatusRow> = {}): StatusRow {
  const milestones = statusMilestones(value, at(seconds));
  return {
    event_id: eventId,
    message_id: messageId,
    status: value,
    status_rank: statusRank(value),
    event_time: at(seconds),
    account_name: null,
    waba_id: null,
    wamid: null,
    conversation_id: null,
    conversation_initiate_type: null,
    conversation_expire_at: null,
    error_code: null,
    error_message: null,
    currency: null,
    sent_at: milestones.sentAt,
    delivered_at: milestones.deliveredAt,
    delivered_at_inferred: milestones.deliveredAtInferred,
    read_at: milestones.readAt,
    failed_at: milestones.failedAt,
    ...extra,
  };
}

describe(mergeStatusesByMessage.name, () => {
  it('gives one row per message, decided by rank, then event time, then event id', () => {
    const merged = mergeStatusesByMessage([
      status('e1', 'a', 'read', 1),
      status('e2', 'b', 'sent', 5),
      status('e3', 'a', 'delivered', 9),
      status('e4', 'b', 'sent', 7),
      status('e6', 'c', 'sent', 3),
      status('e5', 'c', 'sent', 3),
    ]);
    expect(merged.map((row) => [row.id, row.status, row.status_event_id])).toEqual([
      ['a', 'read', 'e1'],
      ['b', 'sent', 'e4'],
      ['c', 'sent', 'e6'],
    ]);
  });

  it('keeps the earliest known value of each field, and the conversation of the earliest status that has one', () => {
    const [merged] = mergeStatusesByMessage([
      status('e3', 'a', 'read', 30, { wamid: 'late', currency: 'EUR', conversation_id: 'c2', conversation_initiate_type: 'user' }),
      status('e1', 'a', 'sent', 10, { account_name: 'IW1' }),
      status('e2', 'a', 'delivered', 20, {
        wamid: 'early',
        conversation_id: 'c1',
        conversation_initiate_type: null,
        conversation_expire_at: '2026-01-02T00:00:00Z',
      }),
    ]);
    expect(merged).toMatchObject({
      account_name: 'IW1',
      waba_id: null,
      wamid: 'early',
      currency: 'EUR',
      conversation_id: 'c1',
      conversation_initiate_type: null,
      conversation_expire_at: '2026-01-02T00:00:00Z',
      first_event_time: at(10),
      last_event_time: at(30),
    });
  });

  it('keeps the error of the latest failure report, with its time', () => {
    const [merged] = mergeStatusesByMessage([
      status('e1', 'a', 'failed', 10, { error_code: '1', error_message: 'first' }),
      status('e2', 'a', 'failed', 20, { error_code: '2', error_message: null }),
      status('e3', 'a', 'delivered', 30),
    ]);
    expect(merged).toMatchObject({ status: 'delivered', error_code: '2', error_message: null, error_event_time: at(20), failed_at: at(10) });
  });

  it('takes a real delivery time over the one a read implies, even when the read came first', () => {
    const [merged] = mergeStatusesByMessage([status('e1', 'a', 'read', 10), status('e2', 'a', 'delivered', 20), status('e0', 'a', 'sent', 5)]);
    expect(merged).toMatchObject({ sent_at: at(5), delivered_at: at(20), delivered_at_inferred: false, read_at: at(10) });
    const [readOnly] = mergeStatusesByMessage([status('e1', 'a', 'read', 10), status('e2', 'a', 'read', 8)]);
    expect(readOnly).toMatchObject({ delivered_at: at(8), delivered_at_inferred: true, read_at: at(8), status_event_id: 'e1' });
  });

  it('answers nothing for no statuses', () => {
    expect(mergeStatusesByMessage([])).toEqual([]);
  });
});

describe(compareEventIds.name, () => {
  it('orders by code point, as COLLATE "C" does, not by UTF-16 unit', () => {
    expect(compareEventIds('a', 'b')).toBeLessThan(0);
    expect(compareEventIds('Z', 'a')).toBeLessThan(0);
    expect(compareEventIds('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFF21').toBe(true);
    expect(compareEventIds('x', 'x')).toBe(0);
  });
});
