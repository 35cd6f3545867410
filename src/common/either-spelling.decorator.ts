import { applyDecorators } from '@nestjs/common';
import { Expose, Transform } from 'class-transformer';

/** The other spelling each property of a DTO class may arrive under, by class. */
const OTHER_SPELLINGS = new WeakMap<object, Map<string, string>>();

/** The field names a DTO property may be read from besides its own. */
export function otherSpellingsOf(type: object, property: string): string[] {
  const spelling = OTHER_SPELLINGS.get(type)?.get(property);
  return spelling === undefined ? [] : [spelling];
}

/**
 * For bodies the vendor has not published yet: the property takes its camelCase field, or the
 * same field spelled as WhatsApp spells it (`waba_id`), whichever the event carries.
 */
export function FromEitherSpelling(otherSpelling: string): PropertyDecorator {
  const remember: PropertyDecorator = (target, property) => {
    const spellings = OTHER_SPELLINGS.get(target.constructor) ?? new Map<string, string>();
    spellings.set(String(property), otherSpelling);
    OTHER_SPELLINGS.set(target.constructor, spellings);
  };
  return applyDecorators(
    remember,
    Expose(),
    Transform(({ obj, key }) => (obj as Record<string, unknown>)[key] ?? (obj as Record<string, unknown>)[otherSpelling]),
  );
}
