import { OptionalText } from '../common/dto.decorators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { FromEitherSpelling } from '../common/either-spelling.decorator';

/**
 * Body of `whatsapp_account_review_updated`. Not yet published by the vendor:
 * modelled on WhatsApp's own account review webhook, in camelCase or snake_case.
 */
export class AccountReviewBodyDto {
  @ApiProperty({ description: 'WhatsApp Business Account id (or waba_id)' })
  @FromEitherSpelling('waba_id')
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  wabaId: string;

  @ApiProperty({ example: 'APPROVED', description: 'APPROVED, REJECTED, PENDING, DEFERRED, or any other value (kept as given)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  decision: string;

  @ApiPropertyOptional({ description: 'API account (or account_name)' })
  @FromEitherSpelling('account_name')
  @OptionalText()
  accountName?: string;
}
