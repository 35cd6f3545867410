import { ApiProperty } from '@nestjs/swagger';
import { NullableTextProperty, TimeProperty } from '../common/response-properties';
import { MediaResponseDto } from '../media/media-response.dto';

export class ReplyContextDto {
  @NullableTextProperty('the phone number of the message replied to', '15550002222')
  from: string | null;

  @NullableTextProperty("WhatsApp's id of the message replied to", 'wamid.TEST0001')
  wamid: string | null;
}

/** A message a customer wrote to the business. */
export class InboundMessageResponseDto {
  @ApiProperty({ description: "the vendor's message id", example: '64a000000000000000000001' })
  id: string;

  @ApiProperty({ description: 'the webhook event that brought it', example: '7d1f2a90-0b7c-4c11-9a0e-3f5b6c7d8e01' })
  eventId: string;

  @ApiProperty({ description: 'text, image, video, audio, document, sticker, location, contacts, interactive, button, reaction, ...', example: 'text' })
  type: string;

  @ApiProperty({ description: "the customer's phone number", example: '15550001111' })
  from: string;

  @NullableTextProperty("the business's phone number", '15550002222')
  to: string | null;

  @TimeProperty('when the customer sent it', '2023-02-22T11:59:58.000Z')
  sendTime: Date;

  @NullableTextProperty("the customer's WhatsApp profile name", 'Ana')
  customerName: string | null;

  @NullableTextProperty('the business account name', 'IW100001')
  accountName: string | null;

  @NullableTextProperty('WhatsApp Business Account id', '200000000000001')
  wabaId: string | null;

  @NullableTextProperty("WhatsApp's own message id", 'wamid.TEST0002')
  wamid: string | null;

  @ApiProperty({ type: ReplyContextDto, nullable: true, description: 'the message this one replies to, if any' })
  context: ReplyContextDto | null;

  @NullableTextProperty('the searchable text: the body, a caption, a button or list title', 'Where is my order?')
  text: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the object named by type, as the vendor sent it',
    example: { body: 'Where is my order?' },
  })
  content: unknown;

  @ApiProperty({
    type: MediaResponseDto,
    nullable: true,
    description: 'the downloaded file of an image, sticker, video, audio or document; null for other types',
  })
  media: MediaResponseDto | null;

  @TimeProperty('when the service stored it', '2023-02-22T11:59:58.320Z')
  receivedAt: Date;
}

/** A customer as seen by one business account. */
export class CustomerResponseDto {
  @NullableTextProperty('WhatsApp Business Account id (null when the events did not say)', '200000000000001')
  wabaId: string | null;

  @ApiProperty({ example: '15550001111' })
  phone: string;

  @NullableTextProperty('latest WhatsApp profile name', 'Ana')
  name: string | null;

  @TimeProperty('send time of the first message', '2023-02-22T11:59:58.000Z')
  firstSeenAt: Date;

  @TimeProperty('send time of the latest message', '2023-02-23T09:00:00.000Z')
  lastSeenAt: Date;

  @ApiProperty({ example: 3 })
  messageCount: number;
}

/** A customer across every business account they wrote to. */
export class CustomerDetailResponseDto {
  @ApiProperty({ example: '15550001111' })
  phone: string;

  @NullableTextProperty('latest WhatsApp profile name', 'Ana')
  name: string | null;

  @ApiProperty({ example: 3 })
  messageCount: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'message count by type', example: { text: 2, image: 1 } })
  messagesByType: Record<string, number>;

  @TimeProperty(undefined, '2023-02-22T11:59:58.000Z')
  firstSeenAt: Date;

  @TimeProperty(undefined, '2023-02-23T09:00:00.000Z')
  lastSeenAt: Date;

  @ApiProperty({ type: [CustomerResponseDto], description: 'one entry per business account, most recent first' })
  accounts: CustomerResponseDto[];
}
