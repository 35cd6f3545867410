import { OptionalOneOf } from '../common/query.decorators';
import { OptionalText } from '../common/dto.decorators';
import { PageQueryDto } from '../common/pagination/page';

/** Template statuses the vendor and WhatsApp document; the `status` filter takes one of them. */
export const TEMPLATE_STATUSES = [
  'PENDING',
  'APPROVED',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'FLAGGED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'LIMIT_EXCEEDED',
] as const;
export const TEMPLATE_CATEGORIES = ['MARKETING', 'AUTHENTICATION', 'UTILITY'] as const;

export class TemplatesQueryDto extends PageQueryDto {
  @OptionalText({}, 200)
  wabaId?: string;

  @OptionalText({ example: 'transland_common_otp' }, 512)
  name?: string;

  @OptionalText({ example: 'en_US' }, 20)
  language?: string;

  @OptionalOneOf(TEMPLATE_STATUSES, { example: 'APPROVED' })
  status?: string;

  @OptionalOneOf(TEMPLATE_CATEGORIES, { example: 'MARKETING' })
  category?: string;
}
