import { OptionalOneOf } from '../common/query.decorators';
import { OptionalText } from '../common/dto.decorators';
import { PageQueryDto } from '../common/pagination/page';

export const PHONE_NUMBER_DECISIONS = ['APPROVED', 'REJECTED', 'DEFERRED'] as const;

export class PhoneNumbersQueryDto extends PageQueryDto {
  @OptionalText({}, 200)
  wabaId?: string;

  @OptionalOneOf(PHONE_NUMBER_DECISIONS, { example: 'REJECTED' })
  decision?: string;
}
