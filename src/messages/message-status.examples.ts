import type { WebhookExamples } from '../event-bus/handles-event.decorator';

/** Example envelopes of this module's event type, for the webhook's page at /docs. */
export const MESSAGE_STATUS_EXAMPLES: WebhookExamples = {
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
};
