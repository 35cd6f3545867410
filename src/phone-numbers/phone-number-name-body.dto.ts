import { OptionalText } from '../common/dto.decorators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { FromEitherSpelling } from '../common/either-spelling.decorator';

/**
 * Body of `whatsapp_phone_number_name_update`. Not yet published by the vendor:
 * modelled on WhatsApp's own display-name webhook, in camelCase or snake_case.
 */
export class PhoneNumberNameBodyDto {
  @ApiPropertyOptional({ description: 'phone number id (or phone_number_id); may be absent' })
  @FromEitherSpelling('phone_number_id')
  @OptionalText()
  @MaxLength(200)
  phoneNumberId?: string;

  @ApiProperty({ example: '15550002222', description: 'display phone number (or display_phone_number); needed when no id is sent' })
  @FromEitherSpelling('display_phone_number')
  @ValidateIf((body: PhoneNumberNameBodyDto) => body.phoneNumberId === undefined || body.displayPhoneNumber !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayPhoneNumber?: string;

  @ApiProperty({ example: 'APPROVED', description: 'APPROVED, REJECTED, DEFERRED, or any other value (kept as given)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  decision: string;

  @ApiPropertyOptional({ description: 'or requested_verified_name' })
  @FromEitherSpelling('requested_verified_name')
  @OptionalText()
  requestedVerifiedName?: string;

  @ApiPropertyOptional({ description: 'or rejection_reason' })
  @FromEitherSpelling('rejection_reason')
  @OptionalText()
  rejectionReason?: string;

  @ApiPropertyOptional({ description: 'or waba_id' })
  @FromEitherSpelling('waba_id')
  @OptionalText()
  wabaId?: string;

  @ApiPropertyOptional({ description: 'or account_name' })
  @FromEitherSpelling('account_name')
  @OptionalText()
  accountName?: string;
}
