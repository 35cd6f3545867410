import { OptionalOneOf } from '../common/query.decorators';
import { OptionalText } from '../common/dto.decorators';
import { IsNotEmpty, MaxLength } from 'class-validator';
import { MEDIA_STATES, type MediaState } from '../media/inbound-media.entity';
import { PageQueryDto, TimeRangeQueryDto } from '../common/pagination/page';

/** The inbound message types the vendor documents; the `type` filter takes one of them. */
export const INBOUND_TYPES = [
  'text',
  'reaction',
  'image',
  'sticker',
  'video',
  'audio',
  'document',
  'location',
  'contacts',
  'button',
  'interactive',
  'unknown',
  'order',
  'system',
] as const;

export class InboundMessagesQueryDto extends TimeRangeQueryDto {
  @OptionalText({ description: "customer's phone" }, 100)
  from?: string;

  @OptionalText({ description: "business's phone" }, 100)
  to?: string;

  @OptionalOneOf(INBOUND_TYPES, { example: 'text' })
  type?: string;

  @OptionalText({}, 200)
  wabaId?: string;

  @OptionalText({ description: 'replies and reactions to the message with this wamid' }, 500)
  contextWamid?: string;

  @OptionalText({ description: 'words to find in the text, captions, file names, replies and locations' })
  @IsNotEmpty()
  @MaxLength(200)
  q?: string;

  @OptionalOneOf(MEDIA_STATES, { description: 'media messages whose file is in this state (`media.state`)' })
  mediaState?: MediaState;
}

export class CustomersQueryDto extends PageQueryDto {
  @OptionalText({}, 200)
  wabaId?: string;
}
