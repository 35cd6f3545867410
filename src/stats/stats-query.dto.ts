import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { OptionalOneOf, OptionalTimestamp } from '../common/query.decorators';
import { BUCKET_WIDTHS, type BucketWidth } from './stats-bucket.columns';

export class StatsQueryDto {
  @OptionalTimestamp({ example: '2023-02-22T00:00:00Z', description: 'start: ISO 8601 date, time and zone; default an hour before until' })
  since?: string;

  @OptionalTimestamp({ example: '2023-02-23T00:00:00Z', description: 'end, exclusive: ISO 8601 date, time and zone; default now' })
  until?: string;

  @OptionalOneOf(BUCKET_WIDTHS, {
    description:
      'bucket width (UTC); default the finest that gives at most 1500 buckets (an hour or a day by minute, a week by hour); day buckets cover at most 92 days',
  })
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
