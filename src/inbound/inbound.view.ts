import type { CustomerEntity } from './customer.entity';
import type { InboundMessageEntity } from './inbound-message.entity';
import type { CustomerResponseDto, InboundMessageResponseDto } from './inbound-response.dto';

export function inboundMessageView(message: InboundMessageEntity): InboundMessageResponseDto {
  return {
    id: message.id,
    eventId: message.eventId,
    type: message.type,
    from: message.fromPhone,
    to: message.toPhone,
    sendTime: message.sendTime,
    customerName: message.customerName,
    accountName: message.accountName,
    wabaId: message.wabaId,
    wamid: message.wamid,
    context: message.contextFrom !== null || message.contextWamid !== null ? { from: message.contextFrom, wamid: message.contextWamid } : null,
    text: message.text,
    content: message.content,
    receivedAt: message.receivedAt,
  };
}

export function customerView(customer: CustomerEntity): CustomerResponseDto {
  return {
    wabaId: customer.wabaId === '' ? null : customer.wabaId,
    phone: customer.phone,
    name: customer.name,
    firstSeenAt: customer.firstSeenAt,
    lastSeenAt: customer.lastSeenAt,
    messageCount: customer.messageCount,
  };
}
