import { NumberAsText, OptionalText } from '../common/dto.decorators';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of `whatsapp_template_status_updated`. */
export class TemplateStatusBodyDto {
  @ApiProperty({ example: '998961841525295', description: "Meta's template id" })
  @NumberAsText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  templateId: string;

  @ApiProperty({ example: 'APPROVED', description: 'PENDING, APPROVED, REJECTED, PAUSED, DISABLED, or any other value (kept as given)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  templateStatus: string;

  @OptionalText({ example: 'transland_common_otp' })
  templateName?: string;

  @OptionalText({ example: 'en_US' })
  templateLanguage?: string;

  @OptionalText({ example: 'AUTHENTICATION', description: 'MARKETING, AUTHENTICATION, UTILITY' })
  category?: string;

  @OptionalText({ example: 'NONE', description: 'NONE, or why the template was rejected' })
  reason?: string;

  @OptionalText()
  accountName?: string;

  @OptionalText()
  wabaId?: string;
}
