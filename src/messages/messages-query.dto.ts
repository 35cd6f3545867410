import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TimeRangeQueryDto } from '../common/pagination/page';

export class MessagesQueryDto extends TimeRangeQueryDto {
  @ApiPropertyOptional({ example: 'failed', description: 'current status, exactly as the vendor sent it' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  wabaId?: string;

  @ApiPropertyOptional({ example: 'IW123456' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  accountName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  wamid?: string;
}
