import { OptionalText } from '../common/dto.decorators';
import { PageQueryDto } from '../common/pagination/page';

export class PhoneNumbersQueryDto extends PageQueryDto {
  @OptionalText({}, 200)
  wabaId?: string;

  @OptionalText({ example: 'REJECTED' }, 100)
  decision?: string;
}
