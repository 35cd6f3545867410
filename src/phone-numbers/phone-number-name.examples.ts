import type { WebhookExamples } from '../event-bus/handles-event.decorator';

/** Example envelopes of this module's event type, for the webhook's page at /docs. */
export const PHONE_NUMBER_NAME_EXAMPLES: WebhookExamples = {
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
