import { randomUUID } from 'node:crypto';
import { vendorExamples } from './fixtures/vendor-examples';
import { startTestApp, type TestApp } from './support/test-app';

function envelope(type: string, eventTime: string, body: Record<string, unknown>, id: string = randomUUID()) {
  return { id, type, eventTime, body };
}

const template = (eventTime: string, body: Record<string, unknown>, id?: string) =>
  envelope(
    'whatsapp_template_status_updated',
    eventTime,
    { accountName: 'IW100001', wabaId: 'waba-1', templateLanguage: 'en_US', category: 'MARKETING', reason: 'NONE', ...body },
    id,
  );
const account = (eventTime: string, body: Record<string, unknown>) => envelope('whatsapp_account_review_updated', eventTime, body);
const phoneNumber = (eventTime: string, body: Record<string, unknown>) => envelope('whatsapp_phone_number_name_update', eventTime, body);

describe('templates, accounts and phone numbers (latest event time wins)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  async function deliverAll(...events: object[]) {
    for (const event of events) {
      expect((await testApp.deliver(event).expect(200)).body.status).toBe('processed');
    }
  }

  describe('templates', () => {
    it("takes the vendor's published example as it is", async () => {
      await deliverAll(vendorExamples.templateApproved);
      expect((await testApp.query('/templates/998961841525295').expect(200)).body).toEqual({
        templateId: '998961841525295',
        name: 'transland_common_otp',
        language: 'en_US',
        category: 'AUTHENTICATION',
        status: 'APPROVED',
        reason: 'NONE',
        accountName: 'IW2267527',
        wabaId: '110129512080569',
        eventId: vendorExamples.templateApproved.id,
        eventTime: '2023-10-16T13:04:57.644Z',
      });
    });

    it('stays approved when an older pending arrives later, with both in history', async () => {
      await deliverAll(
        template('2023-10-16T13:05:00Z', { templateId: 'tpl-late', templateName: 'late', templateStatus: 'APPROVED' }),
        template('2023-10-16T13:00:00Z', { templateId: 'tpl-late', templateName: 'late', templateStatus: 'PENDING' }),
      );
      expect((await testApp.query('/templates/tpl-late').expect(200)).body.status).toBe('APPROVED');
      const history = (await testApp.query('/templates/tpl-late/history').expect(200)).body.items;
      expect(history.map((item: { status: string }) => item.status)).toEqual(['PENDING', 'APPROVED']);
    });

    it('resolves equal event times the same way whatever the arrival order', async () => {
      const at = '2023-10-16T14:00:00Z';
      const rejected = (templateId: string) =>
        template(at, { templateId, templateName: templateId, templateStatus: 'REJECTED', reason: 'INVALID_FORMAT' }, `b-${templateId}`);
      const approved = (templateId: string) => template(at, { templateId, templateName: templateId, templateStatus: 'APPROVED' }, `a-${templateId}`);
      await deliverAll(rejected('tpl-tie-1'), approved('tpl-tie-1'), approved('tpl-tie-2'), rejected('tpl-tie-2'));
      for (const templateId of ['tpl-tie-1', 'tpl-tie-2']) {
        expect((await testApp.query(`/templates/${templateId}`).expect(200)).body).toMatchObject({ status: 'REJECTED', reason: 'INVALID_FORMAT' });
      }
    });

    it('filters by wabaId, name, language, status and category, and finds one template by name and language', async () => {
      await deliverAll(
        template('2023-11-01T00:00:00Z', {
          templateId: 'f-1',
          templateName: 'order_update',
          templateLanguage: 'en_US',
          templateStatus: 'APPROVED',
          category: 'UTILITY',
          wabaId: 'waba-f',
        }),
        template('2023-11-01T00:00:00Z', {
          templateId: 'f-2',
          templateName: 'order_update',
          templateLanguage: 'pt_BR',
          templateStatus: 'APPROVED',
          category: 'UTILITY',
          wabaId: 'waba-f',
        }),
        template('2023-11-01T00:00:00Z', {
          templateId: 'f-3',
          templateName: 'promo',
          templateLanguage: 'en_US',
          templateStatus: 'PAUSED',
          category: 'MARKETING',
          wabaId: 'waba-f',
        }),
        template('2023-11-01T00:00:00Z', {
          templateId: 'f-4',
          templateName: 'order_update',
          templateLanguage: 'en_US',
          templateStatus: 'REJECTED',
          category: 'UTILITY',
          wabaId: 'waba-g',
        }),
      );
      const ids = async (query: string) =>
        (await testApp.query(`/templates?${query}`).expect(200)).body.items.map((item: { templateId: string }) => item.templateId).sort();
      expect(await ids('wabaId=waba-f')).toEqual(['f-1', 'f-2', 'f-3']);
      expect(await ids('name=order_update')).toEqual(['f-1', 'f-2', 'f-4']);
      expect(await ids('language=pt_BR')).toEqual(['f-2']);
      expect(await ids('status=PAUSED')).toEqual(['f-3']);
      expect(await ids('category=UTILITY&wabaId=waba-f')).toEqual(['f-1', 'f-2']);
      expect(await ids('wabaId=waba-f&name=order_update&language=en_US')).toEqual(['f-1']);
      expect(await ids('status=DISABLED')).toEqual([]);
    });

    it('ends with the latest event when many events of one template arrive at once', async () => {
      const times = ['2023-10-17T10:00:03Z', '2023-10-17T10:00:01Z', '2023-10-17T10:00:05Z', '2023-10-17T10:00:02Z', '2023-10-17T10:00:04Z'];
      const statuses = ['PENDING', 'PENDING', 'PAUSED', 'PENDING', 'APPROVED'];
      const answers = await Promise.all(
        times.map((time, index) => testApp.deliver(template(time, { templateId: 'tpl-burst', templateName: 'burst', templateStatus: statuses[index] }))),
      );
      expect(answers.map((answer) => answer.body.status)).toEqual(Array(5).fill('processed'));
      expect((await testApp.query('/templates/tpl-burst').expect(200)).body).toMatchObject({ status: 'PAUSED', eventTime: '2023-10-17T10:00:05.000Z' });
      expect((await testApp.query('/templates/tpl-burst/history').expect(200)).body.items).toHaveLength(5);
    });

    it('answers unknown template ids with 404', async () => {
      await testApp.query('/templates/none').expect(404);
      await testApp.query('/templates/none/history').expect(404);
    });

    it('keeps a template event without its id or status as invalid', async () => {
      const event = template('2023-11-01T00:00:00Z', { templateName: 'x' });
      expect((await testApp.deliver(event).expect(200)).body.status).toBe('invalid');
    });
  });

  describe('accounts', () => {
    it('takes camelCase and snake_case bodies and keeps the latest decision by event time', async () => {
      await deliverAll(
        account('2023-12-01T10:00:00Z', { accountName: 'IW1', wabaId: 'acct-1', decision: 'PENDING' }),
        account('2023-12-03T10:00:00Z', { account_name: 'IW1', waba_id: 'acct-1', decision: 'APPROVED', extra_field: { kept: true } }),
        account('2023-12-02T10:00:00Z', { waba_id: 'acct-1', decision: 'DEFERRED' }),
        account('2023-12-01T10:00:00Z', { waba_id: 'acct-2', decision: 'REJECTED' }),
      );
      const acct = (await testApp.query('/accounts/acct-1').expect(200)).body;
      expect(acct).toMatchObject({ wabaId: 'acct-1', accountName: 'IW1', decision: 'APPROVED', eventTime: '2023-12-03T10:00:00.000Z' });
      expect(acct.history.map((item: { decision: string }) => item.decision)).toEqual(['PENDING', 'DEFERRED', 'APPROVED']);
      const listed = (await testApp.query('/accounts?decision=REJECTED').expect(200)).body.items;
      expect(listed.map((item: { wabaId: string }) => item.wabaId)).toEqual(['acct-2']);
      const all = (await testApp.query('/accounts').expect(200)).body.items;
      expect(all.map((item: { wabaId: string }) => item.wabaId)).toEqual(['acct-2', 'acct-1']);
    });

    it('keeps unknown fields in the stored event', async () => {
      const event = account('2023-12-05T10:00:00Z', { waba_id: 'acct-3', decision: 'APPROVED', ban_info: { waba_ban_state: 'SCHEDULE_FOR_DISABLE' } });
      await deliverAll(event);
      expect((await testApp.query(`/events/${event.id}`).expect(200)).body.payload.body.ban_info).toEqual({ waba_ban_state: 'SCHEDULE_FOR_DISABLE' });
    });

    it('keeps an account event without wabaId as invalid, and answers unknown ids with 404', async () => {
      expect((await testApp.deliver(account('2023-12-01T10:00:00Z', { decision: 'APPROVED' })).expect(200)).body.status).toBe('invalid');
      await testApp.query('/accounts/none').expect(404);
    });
  });

  describe('phone numbers', () => {
    it('takes camelCase and snake_case bodies and keeps the latest decision by event time', async () => {
      await deliverAll(
        phoneNumber('2024-01-02T00:00:00Z', {
          phone_number_id: 'pn-1',
          display_phone_number: '+1 555 0100',
          waba_id: 'waba-1',
          decision: 'REJECTED',
          requested_verified_name: 'Acme Shop',
          rejection_reason: 'NAME_FORMAT_UNACCEPTABLE',
        }),
        phoneNumber('2024-01-01T00:00:00Z', {
          phoneNumberId: 'pn-1',
          displayPhoneNumber: '+1 555 0100',
          wabaId: 'waba-1',
          decision: 'DEFERRED',
          requestedVerifiedName: 'Acme',
        }),
      );
      const phone = (await testApp.query('/phone-numbers/pn-1').expect(200)).body;
      expect(phone).toMatchObject({
        id: 'pn-1',
        phoneNumberId: 'pn-1',
        displayPhoneNumber: '+1 555 0100',
        decision: 'REJECTED',
        requestedVerifiedName: 'Acme Shop',
        rejectionReason: 'NAME_FORMAT_UNACCEPTABLE',
      });
      expect(phone.history.map((item: { decision: string }) => item.decision)).toEqual(['DEFERRED', 'REJECTED']);
      expect((await testApp.query(`/phone-numbers/${encodeURIComponent('+1 555 0100')}`).expect(200)).body.id).toBe('pn-1');
    });

    it('keys a number by its display number when the vendor sends no id', async () => {
      await deliverAll(phoneNumber('2024-02-01T00:00:00Z', { displayPhoneNumber: '15550002222', decision: 'APPROVED', requestedVerifiedName: 'Acme' }));
      const phone = (await testApp.query('/phone-numbers/15550002222').expect(200)).body;
      expect(phone).toMatchObject({ id: '15550002222', phoneNumberId: null, decision: 'APPROVED' });
      const approved = (await testApp.query('/phone-numbers?decision=APPROVED').expect(200)).body.items;
      expect(approved.map((item: { id: string }) => item.id)).toEqual(['15550002222']);
    });

    it('keeps a number event with neither id nor display number as invalid, and answers unknown ids with 404', async () => {
      expect((await testApp.deliver(phoneNumber('2024-01-01T00:00:00Z', { decision: 'APPROVED' })).expect(200)).body.status).toBe('invalid');
      await testApp.query('/phone-numbers/none').expect(404);
    });
  });

  describe('history, the same way for every thing (GET /<things>/:id/history)', () => {
    it('pages a template, an account, a phone number and a message alike, oldest first by event time', async () => {
      await deliverAll(
        template('2023-10-20T10:00:02Z', { templateId: 'tpl-paged', templateStatus: 'APPROVED' }),
        template('2023-10-20T10:00:00Z', { templateId: 'tpl-paged', templateStatus: 'PENDING' }),
        template('2023-10-20T10:00:01Z', { templateId: 'tpl-paged', templateStatus: 'REJECTED' }),
        account('2023-12-10T10:00:02Z', { wabaId: 'acct-paged', decision: 'APPROVED' }),
        account('2023-12-10T10:00:00Z', { wabaId: 'acct-paged', decision: 'PENDING' }),
        account('2023-12-10T10:00:01Z', { wabaId: 'acct-paged', decision: 'REJECTED' }),
        phoneNumber('2024-03-01T00:00:02Z', { phoneNumberId: 'pn-paged', decision: 'APPROVED' }),
        phoneNumber('2024-03-01T00:00:00Z', { phoneNumberId: 'pn-paged', decision: 'PENDING' }),
        phoneNumber('2024-03-01T00:00:01Z', { phoneNumberId: 'pn-paged', decision: 'REJECTED' }),
        ...['read', 'sent', 'delivered'].map((status, index) =>
          envelope('whatsapp_message_status_updated', `2023-02-22T12:00:0${[2, 0, 1][index]}Z`, {
            id: 'msg-paged',
            accountName: 'IW100001',
            wabaId: 'waba-1',
            status,
          }),
        ),
      );
      const oldestFirst = ['PENDING', 'REJECTED', 'APPROVED'];
      const things: [string, string, string[]][] = [
        ['/templates/tpl-paged', 'status', oldestFirst],
        ['/accounts/acct-paged', 'decision', oldestFirst],
        ['/phone-numbers/pn-paged', 'decision', oldestFirst],
        ['/messages/msg-paged', 'status', ['sent', 'delivered', 'read']],
      ];
      for (const [thing, field, expected] of things) {
        const first = (await testApp.query(`${thing}/history?limit=2`).expect(200)).body;
        expect(Object.keys(first).sort()).toEqual(['items', 'nextCursor']);
        expect(first.nextCursor).toEqual(expect.any(String));
        const rest = (await testApp.query(`${thing}/history?limit=2&cursor=${first.nextCursor}`).expect(200)).body;
        expect(rest.nextCursor).toBeNull();
        const values = [...first.items, ...rest.items].map((item: Record<string, string>) => item[field]);
        expect({ thing, values }).toEqual({ thing, values: expected });
      }
      // The earlier shapes still answer: the `history` field and /messages/:id/statuses.
      const detail = (await testApp.query('/accounts/acct-paged').expect(200)).body;
      expect(detail.history).toEqual((await testApp.query('/accounts/acct-paged/history').expect(200)).body.items);
      expect((await testApp.query('/messages/msg-paged/statuses').expect(200)).body).toEqual(
        (await testApp.query('/messages/msg-paged/history').expect(200)).body,
      );
      await testApp.query('/phone-numbers/none/history').expect(404);
      await testApp.query('/messages/none/history').expect(404);
    });
  });
});
