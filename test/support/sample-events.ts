import { randomUUID } from 'node:crypto';
import { exampleWithIds, vendorExamples } from '../fixtures/vendor-examples';

/** A status report for a message, at the current time unless told. */
export function statusEvent(messageId: string, status: string, extra: Record<string, unknown> = {}, eventTime = new Date().toISOString()) {
  return {
    id: randomUUID(),
    type: 'whatsapp_message_status_updated',
    eventTime,
    body: { id: messageId, accountName: 'IW100001', wabaId: '200000000000001', wamid: `wamid.${messageId}`, status, ...extra },
  };
}

export function failedStatusEvent(messageId: string, errorCode: string, errorMessage: string) {
  return statusEvent(messageId, 'failed', { errorData: { errorCode, errorMessage } });
}

/** A customer's text message (the vendor's example with new ids, this text and this sender). */
export function inboundTextEvent(messageId: string, text: string, from = '15550001111') {
  const event = exampleWithIds(vendorExamples.inboundText, randomUUID(), messageId);
  (event.body as unknown as { text: { body: string } }).text.body = text;
  event.body.from = from;
  return event;
}

/** A status report whose body fails validation: stored as `invalid`. */
export function invalidStatusEvent(messageId: string) {
  return { id: randomUUID(), type: 'whatsapp_message_status_updated', eventTime: new Date().toISOString(), body: { id: messageId, status: 42 } };
}

/** A type no module handles: stored as `unhandled`. */
export function unknownTypeEvent() {
  return { id: randomUUID(), type: 'whatsapp_something_new', eventTime: new Date().toISOString(), body: { anything: true } };
}
