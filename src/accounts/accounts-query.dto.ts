import { OptionalText } from '../common/dto.decorators';
import { PageQueryDto } from '../common/pagination/page';

export class AccountsQueryDto extends PageQueryDto {
  @OptionalText({ example: 'APPROVED' }, 100)
  decision?: string;

  @OptionalText({}, 200)
  accountName?: string;
}
