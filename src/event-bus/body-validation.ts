import type { Type } from '@nestjs/common';
import { validateSync, type ValidationError } from 'class-validator';
import { instantiateKnownFields } from '../common/known-fields.util';

export interface ValidationReason {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): ValidationReason[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export type BodyValidation<T> = { valid: true; value: T } | { valid: false; reasons: ValidationReason[] };

/** Checks a plain object against a DTO; fields the DTO does not name are left alone. */
export function validateBody<T extends object>(type: Type<T>, plain: unknown): BodyValidation<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { valid: false, reasons: [{ field: 'body', problems: ['body must be an object'] }] };
  }
  // Only the declared fields are instantiated and checked; the rest is kept as raw JSON.
  const { instance, complete } = instantiateKnownFields(type, plain as Record<string, unknown>);
  const errors = validateSync(instance, { forbidUnknownValues: false });
  return errors.length === 0 ? { valid: true, value: complete() } : { valid: false, reasons: flatten(errors) };
}
