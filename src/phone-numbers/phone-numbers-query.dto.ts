import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination/page';

export class PhoneNumbersQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  wabaId?: string;

  @ApiPropertyOptional({ example: 'REJECTED' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decision?: string;
}
