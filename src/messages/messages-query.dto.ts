import { OptionalText } from '../common/dto.decorators';
import { TimeRangeQueryDto } from '../common/pagination/page';

export class MessagesQueryDto extends TimeRangeQueryDto {
  @OptionalText({ example: 'failed', description: 'current status, exactly as the vendor sent it' }, 100)
  status?: string;

  @OptionalText({}, 200)
  wabaId?: string;

  @OptionalText({ example: 'IW123456' }, 200)
  accountName?: string;

  @OptionalText({}, 500)
  wamid?: string;
}
