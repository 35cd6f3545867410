import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

const numberAsText = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);

/** Body of `whatsapp_template_status_updated` (SPEC 3.3). */
export class TemplateStatusBodyDto {
  @ApiProperty({ example: '998961841525295', description: "Meta's template id" })
  @Transform(numberAsText)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  templateId: string;

  @ApiProperty({ example: 'APPROVED', description: 'PENDING, APPROVED, REJECTED, PAUSED, DISABLED, or any other value (kept as given)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  templateStatus: string;

  @ApiPropertyOptional({ example: 'transland_common_otp' })
  @IsOptional()
  @IsString()
  templateName?: string;

  @ApiPropertyOptional({ example: 'en_US' })
  @IsOptional()
  @IsString()
  templateLanguage?: string;

  @ApiPropertyOptional({ example: 'AUTHENTICATION', description: 'MARKETING, AUTHENTICATION, UTILITY' })
  @IsOptional()
  @IsString()
  category?: string;

  @ApiPropertyOptional({ example: 'NONE', description: 'NONE, or why the template was rejected' })
  @IsOptional()
  @IsString()
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  accountName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  wabaId?: string;
}
