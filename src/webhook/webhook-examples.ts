import type { ApiBodyOptions } from '@nestjs/swagger';

type ExamplesObject = NonNullable<Extract<ApiBodyOptions, { examples?: unknown }>['examples']>;

/** One request example per event type, for /docs (SPEC section 3). */
export const WEBHOOK_EXAMPLES: ExamplesObject = {
  messageStatus: {
    summary: 'whatsapp_message_status_updated (delivered)',
    value: {
      id: '0c8f5a36-1e0b-4f5e-9d51-8f3d2f0e7a11',
      type: 'whatsapp_message_status_updated',
      eventTime: '2023-02-22T12:00:00.000Z',
      body: {
        id: '400000000000000001',
        accountName: 'IW100001',
        wabaId: '200000000000001',
        wamid: 'wamid.TEST0001',
        status: 'delivered',
        conversation: { id: 'c0ffee00000000000000000000000001', initiateType: 'business_initiated', expireAt: '2023-02-23T12:00:00.000Z' },
        currency: 'USD',
      },
    },
  },
  inboundMessage: {
    summary: 'whatsapp_mo_message_received (interactive button reply)',
    value: {
      id: '7d1f2a90-0b7c-4c11-9a0e-3f5b6c7d8e01',
      type: 'whatsapp_mo_message_received',
      eventTime: '2023-02-22T12:00:00.000Z',
      body: {
        id: '64a000000000000000000001',
        accountName: 'IW100001',
        wabaId: '200000000000001',
        wamid: 'wamid.IN0001',
        from: '15550001111',
        to: '15550002222',
        customerProfile: { name: 'Ana' },
        sendTime: '2023-02-22T11:59:58.000Z',
        type: 'interactive',
        interactive: { type: 'buttonReply', buttonReply: { id: 'confirm-yes', title: 'Yes' } },
        context: { from: '15550002222', id: 'wamid.OUT0001' },
      },
    },
  },
  templateStatus: {
    summary: 'whatsapp_template_status_updated',
    value: {
      id: 'fd201190-50dc-4151-baec-1d16c8a704e1',
      type: 'whatsapp_template_status_updated',
      eventTime: '2023-10-16T13:04:57.644Z',
      body: {
        accountName: 'IW2267527',
        category: 'AUTHENTICATION',
        reason: 'NONE',
        templateId: '998961841525295',
        templateLanguage: 'en_US',
        templateName: 'transland_common_otp',
        templateStatus: 'APPROVED',
        wabaId: '110129512080569',
      },
    },
  },
  accountReview: {
    summary: 'whatsapp_account_review_updated (body not yet published by the vendor)',
    value: {
      id: '3b6f0e52-8a61-4d0b-9a57-0d9a1c2e4f10',
      type: 'whatsapp_account_review_updated',
      eventTime: '2023-12-01 10:00:00',
      body: { accountName: 'IW100001', wabaId: '200000000000001', decision: 'APPROVED' },
    },
  },
  phoneNumberName: {
    summary: 'whatsapp_phone_number_name_update (body not yet published by the vendor)',
    value: {
      id: '9a2c4e61-7b3d-4f8e-a1c5-6d7e8f9a0b12',
      type: 'whatsapp_phone_number_name_update',
      eventTime: '2024-01-02T00:00:00.000Z',
      body: {
        accountName: 'IW100001',
        wabaId: '200000000000001',
        phoneNumberId: '106540352242922',
        displayPhoneNumber: '15550002222',
        decision: 'REJECTED',
        requestedVerifiedName: 'Acme Shop',
        rejectionReason: 'NAME_FORMAT_UNACCEPTABLE',
      },
    },
  },
};
