import type { WebhookExamples } from '../event-bus/handles-event.decorator';

/** Example envelopes of this module's event type, for the webhook's page at /docs. */
export const TEMPLATE_STATUS_EXAMPLES: WebhookExamples = {
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
};
