import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto, TimeRangeQueryDto } from '../common/pagination/page';

export class InboundMessagesQueryDto extends TimeRangeQueryDto {
  @ApiPropertyOptional({ description: "customer's phone" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  from?: string;

  @ApiPropertyOptional({ description: "business's phone" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  to?: string;

  @ApiPropertyOptional({ example: 'text' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  wabaId?: string;

  @ApiPropertyOptional({ description: 'replies and reactions to the message with this wamid' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  contextWamid?: string;

  @ApiPropertyOptional({ description: 'words to find in the text, captions, file names, replies and locations' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  q?: string;
}

export class CustomersQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  wabaId?: string;
}
