import { applyDecorators } from '@nestjs/common';
import { Expose, Transform } from 'class-transformer';

/**
 * For bodies the vendor has not published yet: the property takes its camelCase field, or the
 * same field spelled as WhatsApp spells it (`waba_id`), whichever the event carries.
 */
export function FromEitherSpelling(otherSpelling: string): PropertyDecorator {
  return applyDecorators(
    Expose(),
    Transform(({ obj, key }) => (obj as Record<string, unknown>)[key] ?? (obj as Record<string, unknown>)[otherSpelling]),
  );
}
