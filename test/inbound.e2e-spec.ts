import { randomUUID } from 'node:crypto';
import { INBOUND_MESSAGE_EXAMPLES } from '../src/inbound/inbound-message.examples';
import { exampleWithIds, vendorExamples } from './fixtures/vendor-examples';
import { startTestApp, type TestApp } from './support/test-app';

type Envelope = { id: string; type: string; eventTime: string; body: Record<string, unknown> };

const documentedButtonReply = (INBOUND_MESSAGE_EXAMPLES.inboundMessage as { value: Envelope }).value;

function inbound(type: string, content: Record<string, unknown>, overrides: Record<string, unknown> = {}): Envelope {
  return {
    id: randomUUID(),
    type: 'whatsapp_mo_message_received',
    eventTime: '2023-03-01T10:00:00.000Z',
    body: {
      id: randomUUID(),
      accountName: 'IW100001',
      wabaId: '200000000000001',
      wamid: `wamid.${randomUUID()}`,
      from: '15550009999',
      to: '15550002222',
      customerProfile: { name: 'Rui' },
      sendTime: '2023-03-01T09:59:59.000Z',
      type,
      ...content,
      ...overrides,
    },
  };
}

const publishedExamples: [string, Envelope][] = [
  ['text', vendorExamples.inboundText],
  ['reaction', vendorExamples.inboundReaction],
  ['image', vendorExamples.inboundImage],
  ['sticker', vendorExamples.inboundSticker],
  ['video', vendorExamples.inboundVideo],
  ['audio', vendorExamples.inboundAudio],
  ['document', vendorExamples.inboundDocument],
  ['location', vendorExamples.inboundLocation],
  ['contacts', vendorExamples.inboundContacts],
  ['button', vendorExamples.inboundButton],
  ['interactive list reply', vendorExamples.inboundListReply],
  ['interactive button reply', vendorExamples.inboundButtonReply],
  ['unknown', vendorExamples.inboundUnknown],
];

const undocumentedExamples: [string, Envelope][] = [
  [
    'order',
    inbound('order', { order: { catalog_id: 'cat-1', product_items: [{ product_retailer_id: 'sku-1', quantity: 2, item_price: 9.5, currency: 'USD' }] } }),
  ],
  ['system', inbound('system', { system: { body: 'Rui changed from 15550009999 to 15550008888', new_wa_id: '15550008888', type: 'user_changed_number' } })],
  ['a type the spec does not list', inbound('hologram', { hologram: { frames: 3 } })],
];

function contentOf(body: Record<string, unknown>): unknown {
  if (body.type === 'contacts') {
    return body.contact ?? body.contacts;
  }
  return body.type === 'unknown' ? body.errors : (body[body.type as string] ?? null);
}

describe('inbound messages', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it.each([...publishedExamples, ['the documented interactive example', documentedButtonReply] as [string, Envelope], ...undocumentedExamples])(
    'stores a %s message and gives every field back',
    async (_label, example) => {
      const envelope = example === documentedButtonReply ? example : exampleWithIds(example, randomUUID(), randomUUID());
      expect((await testApp.deliver(envelope).expect(200)).body.status).toBe('processed');
      const body = envelope.body as Record<string, string & Record<string, string>>;
      const stored = (await testApp.query(`/inbound-messages/${body.id}`).expect(200)).body;
      expect(stored).toMatchObject({
        id: body.id,
        eventId: envelope.id,
        type: body.type,
        from: body.from,
        to: body.to,
        sendTime: body.sendTime,
        customerName: body.customerProfile.name,
        accountName: body.accountName,
        wabaId: body.wabaId,
        wamid: body.wamid,
        content: contentOf(body),
      });
      if (body.context) {
        expect(stored.context).toEqual({ from: body.context.from, wamid: body.context.id });
      }
      const event = (await testApp.query(`/events/${envelope.id}`).expect(200)).body;
      expect(event.payload).toEqual(envelope);
    },
  );

  it('fills the searchable text and the answered wamid from each type', async () => {
    const reaction = exampleWithIds(vendorExamples.inboundReaction, randomUUID(), randomUUID());
    const document = exampleWithIds(vendorExamples.inboundDocument, randomUUID(), randomUUID());
    const location = exampleWithIds(vendorExamples.inboundLocation, randomUUID(), randomUUID());
    for (const envelope of [reaction, document, location]) {
      await testApp.deliver(envelope).expect(200);
    }
    expect((await testApp.query(`/inbound-messages/${reaction.body.id}`)).body).toMatchObject({
      text: 'EMOJI',
      context: { from: null, wamid: 'wamid.HBgNODY...' },
    });
    expect((await testApp.query(`/inbound-messages/${document.body.id}`)).body.text).toBe('pdf caption\nfilename.pdf');
    expect((await testApp.query(`/inbound-messages/${location.body.id}`)).body.text).toBe('LOCATION_NAME\nLOCATION_ADDRESS');
  });

  it('accepts contact cards under `contacts` too and keeps every card', async () => {
    const cards = [
      { name: { formattedName: 'Ana Lima' }, phones: [{ phone: '+1 555 0100', type: 'WORK', wa_id: '15550100' }] },
      { name: { formattedName: 'Rui' } },
    ];
    const envelope = inbound('contacts', { contacts: cards });
    await testApp.deliver(envelope).expect(200);
    const stored = (await testApp.query(`/inbound-messages/${envelope.body.id}`).expect(200)).body;
    expect(stored.content).toEqual(cards);
    expect(stored.text).toBe('Ana Lima\nRui');
  });

  it.each([
    ['a location without numeric coordinates', inbound('location', { location: { latitude: 'north', longitude: 10 } }), ['location.latitude']],
    ['a location out of range', inbound('location', { location: { latitude: 91, longitude: -181 } }), ['location.latitude', 'location.longitude']],
    ['a reaction without messageId', inbound('reaction', { reaction: { emoji: '👍' } }), ['reaction.messageId']],
    ['an image without link', inbound('image', { image: { caption: 'x' } }), ['image.link']],
    ['a text without its text object', inbound('text', {}), ['text']],
    ['a list reply without its choice', inbound('interactive', { interactive: { type: 'listReply' } }), ['interactive.listReply']],
    ['unsupported errors that are not a list', inbound('unknown', { errors: { code: 1 } }), ['errors']],
    ['contacts that are not a list', inbound('contacts', { contact: { name: {} } }), ['contact']],
    ['no sender', inbound('text', { text: { body: 'hi' } }, { from: undefined }), ['from']],
  ])('keeps %s as an invalid event with reasons', async (_label, envelope, fields) => {
    expect((await testApp.deliver(envelope).expect(200)).body.status).toBe('invalid');
    const event = (await testApp.query(`/events/${envelope.id}`).expect(200)).body;
    expect(event.reasons.map((reason: { field: string }) => reason.field).sort()).toEqual(fields);
    await testApp.query(`/inbound-messages/${envelope.body.id}`).expect(404);
  });

  describe('GET /inbound-messages and /customers', () => {
    let listApp: TestApp;
    const sent: Envelope[] = [
      inbound(
        'text',
        { text: { body: 'Where is my parcel?' } },
        { from: '100', to: 'biz-1', sendTime: '2023-03-01T08:00:00Z', customerProfile: { name: 'Old name' } },
      ),
      inbound(
        'image',
        { image: { caption: 'parcel arrived broken', link: 'https://vendor/media/1' } },
        { from: '100', to: 'biz-1', sendTime: '2023-03-01T09:00:00Z', customerProfile: { name: 'New name' } },
      ),
      inbound(
        'button',
        { button: { text: 'Stop', payload: 'STOP' }, context: { from: 'biz-2', id: 'wamid.PROMO' } },
        { from: '200', to: 'biz-2', sendTime: '2023-03-02T09:00:00Z', wabaId: 'waba-2' },
      ),
      inbound(
        'reaction',
        { reaction: { messageId: 'wamid.PROMO', emoji: '😡' } },
        { from: '300', to: 'biz-2', sendTime: '2023-03-03T09:00:00Z', wabaId: 'waba-2' },
      ),
      inbound('text', { text: { body: 'thanks' } }, { from: '100', to: 'biz-1', sendTime: '2023-03-01T07:00:00Z', customerProfile: { name: 'Oldest name' } }),
    ];
    const idsOf = (indexes: number[]) => indexes.map((index) => sent[index].body.id).sort();

    beforeAll(async () => {
      listApp = await startTestApp();
      for (const envelope of sent) {
        await listApp.deliver(envelope).expect(200);
      }
    });

    afterAll(async () => {
      await listApp.close();
    });

    const found = async (query: string) =>
      (await listApp.query(`/inbound-messages?${query}`).expect(200)).body.items.map((item: { id: string }) => item.id).sort();

    it('filters by from, to, type, wabaId, contextWamid and send time', async () => {
      expect(await found('from=100')).toEqual(idsOf([0, 1, 4]));
      expect(await found('to=biz-2')).toEqual(idsOf([2, 3]));
      expect(await found('type=text')).toEqual(idsOf([0, 4]));
      expect(await found('wabaId=waba-2')).toEqual(idsOf([2, 3]));
      expect(await found('contextWamid=wamid.PROMO')).toEqual(idsOf([2, 3]));
      expect(await found('since=2023-03-01T08:30:00Z&until=2023-03-03T00:00:00Z')).toEqual(idsOf([1, 2]));
      expect(await found('from=nobody')).toEqual([]);
    });

    it('finds words in texts and captions with q, and nothing else', async () => {
      expect(await found('q=parcel')).toEqual(idsOf([0, 1]));
      expect(await found('q=broken')).toEqual(idsOf([1]));
      expect(await found('q=STOP')).toEqual(idsOf([2]));
      expect(await found('q=invoice')).toEqual([]);
      expect(await found('q=parcel&from=100&type=image')).toEqual(idsOf([1]));
    });

    it("keeps a customer's latest profile name by send time and counts their messages", async () => {
      const customer = (await listApp.query('/customers/100').expect(200)).body;
      expect(customer).toMatchObject({
        phone: '100',
        name: 'New name',
        messageCount: 3,
        messagesByType: { image: 1, text: 2 },
        firstSeenAt: '2023-03-01T07:00:00.000Z',
        lastSeenAt: '2023-03-01T09:00:00.000Z',
      });
      const customers = (await listApp.query('/customers?wabaId=waba-2').expect(200)).body.items;
      expect(customers.map((item: { phone: string }) => item.phone).sort()).toEqual(['200', '300']);
    });

    it('answers unknown ids with 404 and bad parameters with 400', async () => {
      await listApp.query('/inbound-messages/nope').expect(404);
      await listApp.query('/customers/nope').expect(404);
      expect(JSON.stringify((await listApp.query('/inbound-messages?q=').expect(400)).body.message)).toContain('q');
      expect(JSON.stringify((await listApp.query('/inbound-messages?since=soon').expect(400)).body.message)).toContain('since');
    });

    it('pages customers and messages by cursor', async () => {
      const first = (await listApp.query('/inbound-messages?limit=2').expect(200)).body;
      const second = (await listApp.query(`/inbound-messages?limit=2&cursor=${first.nextCursor}`).expect(200)).body;
      const third = (await listApp.query(`/inbound-messages?limit=2&cursor=${second.nextCursor}`).expect(200)).body;
      const ids = [...first.items, ...second.items, ...third.items].map((item: { id: string }) => item.id);
      expect(ids).toEqual(sent.map((envelope) => envelope.body.id).reverse());
      expect(third.nextCursor).toBeNull();
    });
  });

  describe('GET /inbound-messages?q= (words as people type them)', () => {
    let searchApp: TestApp;
    const sent = [
      inbound('document', { document: { filename: 'quote2041.pdf', link: 'https://vendor/media/2' } }),
      inbound('document', { document: { filename: 'invoice_march.pdf', caption: 'Payment-receipt for order #77', link: 'https://vendor/media/3' } }),
      inbound('interactive', { interactive: { type: 'button_reply', buttonReply: { id: 'b1', title: 'Yes, re-order' } } }),
    ];

    beforeAll(async () => {
      searchApp = await startTestApp();
      for (const envelope of sent) {
        await searchApp.deliver(envelope).expect(200);
      }
    });

    afterAll(async () => {
      await searchApp.close();
    });

    const found = async (q: string) =>
      (await searchApp.query(`/inbound-messages?q=${encodeURIComponent(q)}`).expect(200)).body.items.map((item: { id: string }) => item.id);

    it('finds the words inside file names, captions and replies, split at dots, underscores, dashes and signs', async () => {
      expect(await found('quote2041')).toEqual([sent[0].body.id]);
      expect(await found('invoice')).toEqual([sent[1].body.id]);
      expect(await found('MARCH')).toEqual([sent[1].body.id]);
      expect(await found('receipt')).toEqual([sent[1].body.id]);
      expect(await found('77')).toEqual([sent[1].body.id]);
      expect(await found('invoice_march.pdf')).toEqual([sent[1].body.id]);
      expect(await found('order')).toEqual([sent[2].body.id, sent[1].body.id]);
      expect(await found('quote')).toEqual([]);
      expect(await found('...')).toEqual([]);
    });

    it('pages the matches newest first by cursor', async () => {
      const first = (await searchApp.query('/inbound-messages?q=order&limit=1').expect(200)).body;
      expect(first.items.map((item: { id: string }) => item.id)).toEqual([sent[2].body.id]);
      const second = (await searchApp.query(`/inbound-messages?q=order&limit=1&cursor=${first.nextCursor}`).expect(200)).body;
      expect(second).toEqual({ items: [expect.objectContaining({ id: sent[1].body.id })], nextCursor: null });
    });
  });
});
