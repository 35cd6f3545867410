import { randomUUID } from 'node:crypto';
import { exampleWithIds, vendorExamples } from './fixtures/vendor-examples';
import { rows, startTestApp, type TestApp } from './support/test-app';

const STATUS_TIMES: Record<string, string> = {
  sent: '2023-02-22T12:00:00.000Z',
  failed: '2023-02-22T12:00:01.000Z',
  delivered: '2023-02-22T12:00:02.000Z',
  read: '2023-02-22T12:00:03.000Z',
};

function statusEvent(messageId: string, status: string, eventTime = STATUS_TIMES[status], extra: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'whatsapp_message_status_updated',
    eventTime,
    body: { id: messageId, accountName: 'IW100001', wabaId: '200000000000001', wamid: `wamid.${messageId}`, status, ...extra },
  };
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) {
    return [items];
  }
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

describe('messages (statuses move forward by rank)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  async function deliverInOrder(events: object[]) {
    for (const event of events) {
      await testApp.deliver(event).expect(200);
    }
  }

  it("takes the vendor's published examples as they are, the reused event id becoming a conflict", async () => {
    const answers = [];
    for (const example of [vendorExamples.statusDelivered, vendorExamples.statusRead, vendorExamples.statusFailed]) {
      answers.push((await testApp.deliver(example).expect(200)).body.status);
    }
    expect(answers).toEqual(['processed', 'processed', 'conflict']);

    const message = await testApp.query('/messages/356139161272397824').expect(200);
    expect(message.body).toMatchObject({
      id: '356139161272397824',
      status: 'read',
      accountName: 'IW123456',
      wabaId: '11231231212331',
      wamid: 'wamid.BgNODYxN...',
      currency: 'USD',
      conversation: { id: '00e5a7e14a588d96bd2343d105d03ec5', initiateType: 'business_initiated', expireAt: '2023-02-23T12:00:00.000Z' },
      error: null,
      timestamps: { delivered: '2023-02-22T12:00:00.000Z', deliveredInferredFromRead: false, read: '2023-05-26T02:18:44.115Z' },
    });
    const history = await testApp.query('/messages/356139161272397824/statuses').expect(200);
    expect(history.body.items.map((item: { status: string }) => item.status)).toEqual(['delivered', 'read']);
  });

  it('ends every one of the 24 orders of sent, delivered, read and failed in read, with four history rows', async () => {
    const orders = permutations(['sent', 'delivered', 'read', 'failed']);
    expect(orders).toHaveLength(24);
    const messageIds = orders.map(() => randomUUID());
    await Promise.all(orders.map((order, index) => deliverInOrder(order.map((status) => statusEvent(messageIds[index], status)))));

    for (const id of messageIds) {
      const message = (await testApp.query(`/messages/${id}`).expect(200)).body;
      expect(message.status).toBe('read');
      expect(message.timestamps).toMatchObject({
        sent: STATUS_TIMES.sent,
        failed: STATUS_TIMES.failed,
        delivered: STATUS_TIMES.delivered,
        deliveredInferredFromRead: false,
        read: STATUS_TIMES.read,
      });
      const history = (await testApp.query(`/messages/${id}/statuses`).expect(200)).body.items;
      expect(history.map((item: { status: string }) => item.status)).toEqual(['sent', 'failed', 'delivered', 'read']);
    }
  });

  it('keeps read when a late delivered arrives', async () => {
    const id = randomUUID();
    await deliverInOrder([statusEvent(id, 'read'), statusEvent(id, 'delivered')]);
    const message = (await testApp.query(`/messages/${id}`).expect(200)).body;
    expect(message.status).toBe('read');
    expect(message.timestamps.delivered).toBe(STATUS_TIMES.delivered);
  });

  it('lets a proof of delivery outrank an earlier failure report', async () => {
    const id = randomUUID();
    await deliverInOrder([
      statusEvent(id, 'failed', STATUS_TIMES.failed, { errorData: { errorCode: '131014', errorMessage: 'media download failed' } }),
      statusEvent(id, 'delivered'),
    ]);
    const message = (await testApp.query(`/messages/${id}`).expect(200)).body;
    expect(message.status).toBe('delivered');
    expect(message.error).toEqual({ code: '131014', message: 'media download failed' });
  });

  it('always ends right when the four statuses of a message arrive in parallel, 20 times over', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    await Promise.all(
      ids.flatMap((id) => shuffled(['sent', 'delivered', 'read', 'failed']).map((status) => testApp.deliver(statusEvent(id, status)).expect(200))),
    );
    const stored = await rows<{ status: string; delivered_at: Date; sent_at: Date; statuses: number }>(
      testApp,
      `SELECT m.status, m.delivered_at, m.sent_at, (SELECT count(*)::int FROM message_statuses s WHERE s.message_id = m.id) AS statuses
       FROM messages m WHERE m.id = ANY($1)`,
      [ids],
    );
    expect(stored).toHaveLength(20);
    for (const message of stored) {
      expect(message).toEqual({
        status: 'read',
        delivered_at: new Date(STATUS_TIMES.delivered),
        sent_at: new Date(STATUS_TIMES.sent),
        statuses: 4,
      });
    }
  });

  it('applies the new events that arrive together with a conflicting re-delivery, and not the conflict', async () => {
    const sent = statusEvent(randomUUID(), 'sent');
    await testApp.deliver(sent).expect(200);
    const others = Array.from({ length: 10 }, () => randomUUID());
    const answers = await Promise.all([
      testApp.deliver({ ...sent, body: { ...sent.body, status: 'failed' } }).expect(200),
      ...others.map((id) => testApp.deliver(statusEvent(id, 'delivered')).expect(200)),
    ]);
    expect(answers.map((answer) => answer.body.status)).toEqual(['conflict', ...others.map(() => 'processed')]);

    const [original] = await rows(testApp, 'SELECT status, failed_at FROM messages WHERE id = $1', [sent.body.id]);
    expect(original).toEqual({ status: 'sent', failed_at: null });
    const delivered = await rows(
      testApp,
      'SELECT m.status, count(s.*)::int AS statuses FROM messages m JOIN message_statuses s ON s.message_id = m.id WHERE m.id = ANY($1) GROUP BY m.id',
      [others],
    );
    expect(delivered).toEqual(others.map(() => ({ status: 'delivered', statuses: 1 })));
  });

  it('merges a read and a late delivered that arrive together, keeping the real delivery time', async () => {
    const ids = Array.from({ length: 10 }, () => randomUUID());
    await Promise.all(ids.flatMap((id) => [testApp.deliver(statusEvent(id, 'read')).expect(200), testApp.deliver(statusEvent(id, 'delivered')).expect(200)]));
    const stored = await rows<{ status: string; delivered_at: Date; delivered_at_inferred: boolean; read_at: Date }>(
      testApp,
      'SELECT status, delivered_at, delivered_at_inferred, read_at FROM messages WHERE id = ANY($1)',
      [ids],
    );
    expect(stored).toEqual(
      ids.map(() => ({ status: 'read', delivered_at: new Date(STATUS_TIMES.delivered), delivered_at_inferred: false, read_at: new Date(STATUS_TIMES.read) })),
    );
  });

  // Only one status carries a conversation: the descriptive fields are kept from the first status
  // stored that has them, and the concurrent statuses may be stored by more than one batch.
  it('ends a message the same whether its statuses arrive one by one or together, ties on rank and time included', async () => {
    const conversation = { id: 'conv-1', initiateType: 'business', expireAt: '2023-02-23T12:00:00Z' };
    const statusesOf = (messageId: string) =>
      [
        ['a', 'sent', '2023-02-22T12:00:00Z', { conversation, currency: 'EUR' }],
        ['b', 'failed', '2023-02-22T12:00:01Z', { errorData: { errorCode: '1', errorMessage: 'first' } }],
        ['c', 'SMECL:FAILED', '2023-02-22T12:00:02Z', { errorData: { errorCode: '2' } }],
        ['d', 'whatever', '2023-02-22T12:00:04Z', { accountName: undefined }],
        ['e', 'read', '2023-02-22T12:00:05Z', {}],
        ['f', 'READ', '2023-02-22T12:00:05Z', {}],
        ['g', 'delivered', '2023-02-22T12:00:06Z', {}],
      ].map(([suffix, status, time, extra]) => ({
        ...statusEvent(messageId, status as string, time as string, extra as Record<string, unknown>),
        id: `${messageId}-${suffix}`,
      }));
    const oneByOne = `one-by-one-${randomUUID()}`;
    const together = `together-${randomUUID()}`;
    await deliverInOrder(shuffled(statusesOf(oneByOne)));
    await Promise.all(shuffled(statusesOf(together)).map((event) => testApp.deliver(event).expect(200)));
    const stored = await rows<Record<string, unknown>>(
      testApp,
      `SELECT right(status_event_id, 1) AS deciding, status, status_rank, status_event_time, account_name, waba_id, conversation_id,
         conversation_initiate_type, conversation_expire_at, currency, error_code, error_message, error_event_time,
         sent_at, delivered_at, delivered_at_inferred, read_at, failed_at, first_event_time, last_event_time
       FROM messages WHERE id = ANY($1) ORDER BY id DESC`,
      [[oneByOne, together]],
    );
    const [first, second] = stored;
    expect(second).toEqual(first);
    expect(first).toMatchObject({
      deciding: 'f',
      status: 'READ',
      conversation_id: 'conv-1',
      error_code: '2',
      error_message: null,
      delivered_at_inferred: false,
    });
  });

  it('lets the later event time win between equal ranks, in either arrival order', async () => {
    const first = randomUUID();
    const second = randomUUID();
    await deliverInOrder([statusEvent(first, 'failed', '2023-02-22T12:00:01Z'), statusEvent(first, 'SMECL:FAILED', '2023-02-22T12:00:05Z')]);
    await deliverInOrder([statusEvent(second, 'SMECL:FAILED', '2023-02-22T12:00:05Z'), statusEvent(second, 'failed', '2023-02-22T12:00:01Z')]);
    for (const id of [first, second]) {
      const message = (await testApp.query(`/messages/${id}`).expect(200)).body;
      expect(message.status).toBe('SMECL:FAILED');
      expect(message.timestamps.failed).toBe('2023-02-22T12:00:01.000Z');
    }
  });

  it('stores unknown statuses as given, below sent', async () => {
    const id = randomUUID();
    await testApp.deliver(statusEvent(id, 'deleted', '2023-02-22T12:00:09Z')).expect(200);
    expect((await testApp.query(`/messages/${id}`).expect(200)).body.status).toBe('deleted');
    await testApp.deliver(statusEvent(id, 'sent')).expect(200);
    expect((await testApp.query(`/messages/${id}`).expect(200)).body.status).toBe('sent');
  });

  it('takes the read time as the delivery time until a real delivered status comes', async () => {
    const id = randomUUID();
    await testApp.deliver(statusEvent(id, 'read')).expect(200);
    const readOnly = (await testApp.query(`/messages/${id}`).expect(200)).body;
    expect(readOnly.timestamps).toMatchObject({ delivered: STATUS_TIMES.read, deliveredInferredFromRead: true });
    await testApp.deliver(statusEvent(id, 'delivered')).expect(200);
    const both = (await testApp.query(`/messages/${id}`).expect(200)).body;
    expect(both.timestamps).toMatchObject({ delivered: STATUS_TIMES.delivered, deliveredInferredFromRead: false });
  });

  it('keeps the error of a vendor-specific failure', async () => {
    const id = randomUUID();
    await testApp
      .deliver(statusEvent(id, 'SMECL:FAILED', STATUS_TIMES.failed, { errorData: { errorCode: 131026, errorMessage: 'Receiver is incapable' } }))
      .expect(200);
    const message = (await testApp.query(`/messages/${id}`).expect(200)).body;
    expect(message).toMatchObject({ status: 'SMECL:FAILED', error: { code: '131026', message: 'Receiver is incapable' } });
  });

  it('stores a status body without its message id or status as invalid', async () => {
    const event = { ...statusEvent('x', 'sent'), body: { accountName: 'IW1', status: 5 } };
    expect((await testApp.deliver(event).expect(200)).body.status).toBe('invalid');
    const reasons = (await testApp.query(`/events/${event.id}`).expect(200)).body.reasons.map((reason: { field: string }) => reason.field);
    expect(reasons.sort()).toEqual(['id', 'status']);
  });

  describe('GET /messages', () => {
    let listApp: TestApp;
    const ids: string[] = [];

    beforeAll(async () => {
      listApp = await startTestApp();
      for (let index = 0; index < 120; index++) {
        const id = `msg-${String(index).padStart(3, '0')}`;
        ids.push(id);
        const status = index % 3 === 0 ? 'failed' : 'delivered';
        const event = statusEvent(id, status, new Date(Date.UTC(2023, 1, 22, 12, 0, index)).toISOString(), {
          wabaId: index % 2 === 0 ? 'waba-even' : 'waba-odd',
          accountName: index < 60 ? 'IW-first' : 'IW-second',
        });
        await listApp.deliver(event).expect(200);
      }
    });

    afterAll(async () => {
      await listApp.close();
    });

    it('pages 120 messages by 50 in 3 pages, newest first, with no gap and no repeat', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await listApp
          .query(`/messages?limit=50${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([...ids].reverse());
    });

    it('filters by status, wabaId, accountName, wamid and the time of the current status', async () => {
      const ofFilter = async (query: string) =>
        (await listApp.query(`/messages?limit=500&${query}`).expect(200)).body.items.map((item: { id: string }) => item.id).sort();
      expect(await ofFilter('status=failed')).toEqual(ids.filter((_, index) => index % 3 === 0));
      expect(await ofFilter('wabaId=waba-odd')).toEqual(ids.filter((_, index) => index % 2 === 1));
      expect(await ofFilter('accountName=IW-second&status=delivered')).toEqual(ids.filter((_, index) => index >= 60 && index % 3 !== 0));
      expect(await ofFilter('wamid=wamid.msg-007')).toEqual(['msg-007']);
      expect(await ofFilter('since=2023-02-22T12:01:50Z')).toEqual([
        'msg-110',
        'msg-111',
        'msg-112',
        'msg-113',
        'msg-114',
        'msg-115',
        'msg-116',
        'msg-117',
        'msg-118',
        'msg-119',
      ]);
      expect(await ofFilter('since=2023-02-22T12:00:10Z&until=2023-02-22T12:00:12Z')).toEqual(['msg-010', 'msg-011']);
      expect(await ofFilter('status=read')).toEqual([]);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=abc', 'cursor'],
      ['since=yesterday', 'since'],
      ['until=2023-13-45', 'until'],
      ['stauts=failed', 'stauts'],
    ])('answers the bad parameter %s with 400 naming %s', async (query, name) => {
      const response = await listApp.query(`/messages?${query}`).expect(400);
      expect(JSON.stringify(response.body.message)).toContain(name);
    });

    it('answers an unknown id with 404', async () => {
      await listApp.query('/messages/nope').expect(404);
      await listApp.query('/messages/nope/statuses').expect(404);
    });

    it('needs the API token', async () => {
      await listApp.http().get('/messages').expect(401);
      await listApp.http().get('/messages/msg-001').set('Authorization', 'Bearer wrong').expect(401);
    });
  });
});

describe('vendor example helpers', () => {
  it('give each copy its own ids without touching the published example', () => {
    const copy = exampleWithIds(vendorExamples.statusRead, 'e-1', 'm-1');
    expect(copy.id).toBe('e-1');
    expect(copy.body.id).toBe('m-1');
    expect(vendorExamples.statusRead.id).toBe('cd0a316c-a781-4589-9f5f-5502ccf1f60f');
  });
});
