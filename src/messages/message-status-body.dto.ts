import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDateString, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/** Meta's error codes are numbers in some feeds: kept as the text they spell. */
const numberAsText = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);

export class ConversationDto {
  @IsOptional()
  @IsString()
  id?: string;

  @IsOptional()
  @IsString()
  initiateType?: string;

  @IsOptional()
  @IsDateString()
  expireAt?: string;
}

export class ErrorDataDto {
  @IsOptional()
  @Transform(numberAsText)
  @IsString()
  errorCode?: string;

  @IsOptional()
  @IsString()
  errorMessage?: string;
}

/** Body of `whatsapp_message_status_updated` (SPEC 3.1). */
export class MessageStatusBodyDto {
  @ApiProperty({ example: '356139161272397824', description: "The vendor's message id" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;

  @ApiProperty({ example: 'delivered', description: 'sent, delivered, read, failed, SMECL:FAILED, or any other value (kept as given)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  status: string;

  @ApiPropertyOptional({ example: 'IW123456' })
  @IsOptional()
  @IsString()
  accountName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  wabaId?: string;

  @ApiPropertyOptional({ example: 'wamid.HBgN...' })
  @IsOptional()
  @IsString()
  wamid?: string;

  @ApiPropertyOptional({ type: ConversationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConversationDto)
  conversation?: ConversationDto;

  @ApiPropertyOptional({ type: ErrorDataDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ErrorDataDto)
  errorData?: ErrorDataDto;

  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @IsString()
  currency?: string;
}
