import type { WebhookExamples } from '../event-bus/handles-event.decorator';

/** Example envelopes of this module's event type, for the webhook's page at /docs. */
export const ACCOUNT_REVIEW_EXAMPLES: WebhookExamples = {
  accountReview: {
    summary: 'whatsapp_account_review_updated (body not yet published by the vendor)',
    value: {
      id: '3b6f0e52-8a61-4d0b-9a57-0d9a1c2e4f10',
      type: 'whatsapp_account_review_updated',
      eventTime: '2023-12-01 10:00:00',
      body: { accountName: 'IW100001', wabaId: '200000000000001', decision: 'APPROVED' },
    },
  },
};
