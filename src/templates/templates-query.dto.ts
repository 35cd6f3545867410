import { OptionalText } from '../common/dto.decorators';
import { PageQueryDto } from '../common/pagination/page';

export class TemplatesQueryDto extends PageQueryDto {
  @OptionalText({}, 200)
  wabaId?: string;

  @OptionalText({ example: 'transland_common_otp' }, 512)
  name?: string;

  @OptionalText({ example: 'en_US' }, 20)
  language?: string;

  @OptionalText({ example: 'APPROVED' }, 100)
  status?: string;

  @OptionalText({ example: 'MARKETING' }, 100)
  category?: string;
}
