import { ApiProperty } from '@nestjs/swagger';
import { NullableTextProperty, NullableTimeProperty, TimeProperty } from '../common/response-properties';

export class MessageErrorDto {
  @NullableTextProperty("the vendor's error code", '131026')
  code: string | null;

  @NullableTextProperty("the vendor's error message", 'Message undeliverable')
  message: string | null;
}

export class ConversationDto {
  @ApiProperty({ example: 'c0ffee00000000000000000000000001' })
  id: string;

  @NullableTextProperty('who opened the conversation', 'business_initiated')
  initiateType: string | null;

  @NullableTimeProperty('when the conversation window closes', '2023-02-23T12:00:00.000Z')
  expireAt: Date | null;
}

export class MessageTimestampsDto {
  @NullableTimeProperty('event time of the sent status', '2023-02-22T12:00:00.000Z')
  sent: Date | null;

  @NullableTimeProperty('event time of the delivered status (or of read, when delivered never came)', '2023-02-22T12:00:02.000Z')
  delivered: Date | null;

  @ApiProperty({ description: 'true when delivered was never reported and is taken from read', example: false })
  deliveredInferredFromRead: boolean;

  @NullableTimeProperty('event time of the read status', '2023-02-22T12:00:03.000Z')
  read: Date | null;

  @NullableTimeProperty('event time of the failed status', null)
  failed: Date | null;

  @TimeProperty('earliest event time of any status event of the message', '2023-02-22T12:00:00.000Z')
  firstEvent: Date;

  @TimeProperty('latest event time of any status event of the message', '2023-02-22T12:00:03.000Z')
  lastEvent: Date;
}

/** A message the company sent, as its status events describe it. */
export class MessageResponseDto {
  @ApiProperty({ description: "the vendor's message id", example: '400000000000000001' })
  id: string;

  @ApiProperty({ description: 'current status: sent < failed < delivered < read (unknown values rank lowest)', example: 'read' })
  status: string;

  @TimeProperty('event time of the current status', '2023-02-22T12:00:03.000Z')
  statusEventTime: Date;

  @NullableTextProperty("WhatsApp's own message id", 'wamid.TEST0001')
  wamid: string | null;

  @NullableTextProperty('the business account name', 'IW100001')
  accountName: string | null;

  @NullableTextProperty('WhatsApp Business Account id', '200000000000001')
  wabaId: string | null;

  @ApiProperty({ type: ConversationDto, nullable: true })
  conversation: ConversationDto | null;

  @ApiProperty({ type: MessageErrorDto, nullable: true, description: 'the error of a failed status; null otherwise' })
  error: MessageErrorDto | null;

  @NullableTextProperty('billing currency', 'USD')
  currency: string | null;

  @ApiProperty({ type: MessageTimestampsDto })
  timestamps: MessageTimestampsDto;

  @TimeProperty('when the service first stored the message', '2023-02-22T12:00:00.105Z')
  createdAt: Date;

  @TimeProperty('when the service last changed the message', '2023-02-22T12:00:03.118Z')
  updatedAt: Date;
}

/** One status event of a message, late or not. */
export class MessageStatusResponseDto {
  @ApiProperty({ description: 'the webhook event id', example: '0c8f5a36-1e0b-4f5e-9d51-8f3d2f0e7a11' })
  eventId: string;

  @ApiProperty({ example: 'sent' })
  status: string;

  @TimeProperty('event time the vendor gave')
  eventTime: Date;

  @TimeProperty('when the service stored the event', '2023-02-22T12:00:00.210Z')
  receivedAt: Date;

  @NullableTextProperty("WhatsApp's own message id", 'wamid.TEST0001')
  wamid: string | null;

  @NullableTextProperty(undefined, 'c0ffee00000000000000000000000001')
  conversationId: string | null;

  @ApiProperty({ type: MessageErrorDto, nullable: true })
  error: MessageErrorDto | null;
}
