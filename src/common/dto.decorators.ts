import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** An optional text field, documented, with an optional length limit. */
export function OptionalText(options: ApiPropertyOptions = {}, maxLength?: number): PropertyDecorator {
  const decorators = [ApiPropertyOptional(options), IsOptional(), IsString()];
  return applyDecorators(...(maxLength === undefined ? decorators : [...decorators, MaxLength(maxLength)]));
}

/** Meta's ids and error codes come as numbers in some feeds: kept as the text they spell. */
export function NumberAsText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value));
}
