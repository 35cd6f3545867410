import type { CustomerEntity } from './customer.entity';
import type { InboundMediaEntity } from '../media/inbound-media.entity';
import { MEDIA_MESSAGE_TYPES } from '../media/media.rules';
import { mediaView } from '../media/media.view';
import type { InboundMessageEntity } from './inbound-message.entity';
import type { CustomerResponseDto, InboundMessageResponseDto } from './inbound-response.dto';

export type InboundMessageWithMediaRow = InboundMessageEntity & { media?: InboundMediaEntity | null };

export function inboundMessageView(message: InboundMessageWithMediaRow): InboundMessageResponseDto {
  const isMedia = (MEDIA_MESSAGE_TYPES as readonly string[]).includes(message.type);
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
    media: isMedia && message.media ? mediaView(message.media) : null,
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
