import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { BUCKET_WIDTHS, type BucketWidth } from './stats-bucket.columns';

export class StatsQueryDto {
  @ApiPropertyOptional({ example: '2023-02-22T00:00:00Z', description: 'start (ISO 8601); default: an hour before until' })
  @IsOptional()
  @IsDateString({ strict: true })
  since?: string;

  @ApiPropertyOptional({ example: '2023-02-23T00:00:00Z', description: 'end, exclusive (ISO 8601); default: now' })
  @IsOptional()
  @IsDateString({ strict: true })
  until?: string;

  @ApiPropertyOptional({
    enum: BUCKET_WIDTHS,
    description: 'bucket width (UTC); default: the finest that gives at most 1500 buckets (an hour or a day by minute, a week by hour)',
  })
  @IsOptional()
  @IsIn(BUCKET_WIDTHS)
  bucket?: BucketWidth;
}

export class FailureReasonsQueryDto extends StatsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;
}
