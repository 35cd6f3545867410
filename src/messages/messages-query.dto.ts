import { OptionalOneOf } from '../common/query.decorators';
import { OptionalText } from '../common/dto.decorators';
import { TimeRangeQueryDto } from '../common/pagination/page';

/** The statuses the vendor documents; the `status` filter takes one of them. */
export const MESSAGE_STATUSES = ['sent', 'delivered', 'read', 'failed', 'SMECL:FAILED'] as const;

export class MessagesQueryDto extends TimeRangeQueryDto {
  @OptionalOneOf(MESSAGE_STATUSES, { example: 'failed', description: 'current status' })
  status?: string;

  @OptionalText({}, 200)
  wabaId?: string;

  @OptionalText({ example: 'IW123456' }, 200)
  accountName?: string;

  @OptionalText({}, 500)
  wamid?: string;
}
