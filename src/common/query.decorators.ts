import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';
import { isIsoTimestamp } from './iso-timestamp.util';

/** The largest value of a PostgreSQL bigint, the type of every `seq` a cursor names. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** An optional filter that takes one of a fixed set of values; a 400 names them all. */
export function OptionalOneOf(values: readonly string[], options: ApiPropertyOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ ...options, enum: values }),
    IsOptional(),
    IsIn(values, { message: ({ property }) => `${property} must be one of: ${values.join(', ')}` }),
  );
}

/** An optional ISO 8601 timestamp with date, time and zone, e.g. 2023-02-22T12:00:00Z. */
export function OptionalTimestamp(options: ApiPropertyOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ ...options, format: 'date-time', example: options.example ?? '2023-02-22T12:00:00Z' }),
    IsOptional(),
    ValidateBy({
      name: 'isIsoTimestamp',
      validator: {
        validate: isIsoTimestamp,
        defaultMessage: ({ property } = { property: 'value' } as never) =>
          `${property} must be an ISO 8601 timestamp with date, time and zone, such as 2023-02-22T12:00:00Z or 2023-02-22T20:00:00+08:00`,
      },
    }),
  );
}

/** Whether a cursor is a positive whole number that fits a PostgreSQL bigint. */
export function isCursor(value: unknown): boolean {
  return typeof value === 'string' && /^[1-9]\d{0,18}$/.test(value) && BigInt(value) <= MAX_BIGINT;
}

/** The `cursor` of a list: a nextCursor value from a previous page. */
export function OptionalCursor(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'nextCursor of the previous page', example: '1234' }),
    IsOptional(),
    ValidateBy({ name: 'isCursor', validator: { validate: isCursor, defaultMessage: () => 'cursor must be a nextCursor value from a previous page' } }),
  );
}
