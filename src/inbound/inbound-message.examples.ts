import type { WebhookExamples } from '../event-bus/handles-event.decorator';

/** Example envelopes of this module's event type, for the webhook's page at /docs. */
export const INBOUND_MESSAGE_EXAMPLES: WebhookExamples = {
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
};
