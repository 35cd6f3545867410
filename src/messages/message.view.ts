import type { MessageStatusEntity } from './message-status.entity';
import type { MessageEntity } from './message.entity';
import type { MessageResponseDto, MessageStatusResponseDto } from './message-response.dto';

/** A message as the query API shows it. */
export function messageView(message: MessageEntity): MessageResponseDto {
  return {
    id: message.id,
    status: message.status,
    statusEventTime: message.statusEventTime,
    wamid: message.wamid,
    accountName: message.accountName,
    wabaId: message.wabaId,
    conversation: message.conversationId
      ? { id: message.conversationId, initiateType: message.conversationInitiateType, expireAt: message.conversationExpireAt }
      : null,
    error: message.errorCode !== null || message.errorMessage !== null ? { code: message.errorCode, message: message.errorMessage } : null,
    currency: message.currency,
    timestamps: {
      sent: message.sentAt,
      delivered: message.deliveredAt,
      deliveredInferredFromRead: message.deliveredAtInferred,
      read: message.readAt,
      failed: message.failedAt,
      firstEvent: message.firstEventTime,
      lastEvent: message.lastEventTime,
    },
    createdAt: message.createdAt,
    updatedAt: message.updatedAt,
  };
}

export function statusView(status: MessageStatusEntity): MessageStatusResponseDto {
  return {
    eventId: status.eventId,
    status: status.status,
    eventTime: status.eventTime,
    receivedAt: status.receivedAt,
    wamid: status.wamid,
    conversationId: status.conversationId,
    error: status.errorCode !== null || status.errorMessage !== null ? { code: status.errorCode, message: status.errorMessage } : null,
  };
}
