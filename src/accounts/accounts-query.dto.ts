import { OptionalOneOf } from '../common/query.decorators';
import { OptionalText } from '../common/dto.decorators';
import { PageQueryDto } from '../common/pagination/page';

export const ACCOUNT_DECISIONS = ['APPROVED', 'REJECTED', 'PENDING', 'DEFERRED'] as const;

export class AccountsQueryDto extends PageQueryDto {
  @OptionalOneOf(ACCOUNT_DECISIONS, { example: 'APPROVED' })
  decision?: string;

  @OptionalText({}, 200)
  accountName?: string;
}
