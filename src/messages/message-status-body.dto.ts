import { NumberAsText, OptionalText } from '../common/dto.decorators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class ConversationDto {
  @OptionalText()
  id?: string;

  @OptionalText()
  initiateType?: string;

  @IsOptional()
  @IsDateString()
  expireAt?: string;
}

export class ErrorDataDto {
  @IsOptional()
  @NumberAsText()
  @IsString()
  errorCode?: string;

  @OptionalText()
  errorMessage?: string;
}

/** Body of `whatsapp_message_status_updated`. */
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

  @OptionalText({ example: 'IW123456' })
  accountName?: string;

  @OptionalText()
  wabaId?: string;

  @OptionalText({ example: 'wamid.HBgN...' })
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

  @OptionalText({ example: 'USD' })
  currency?: string;
}
