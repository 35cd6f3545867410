import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination/page';

export class AccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'APPROVED' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decision?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  accountName?: string;
}
