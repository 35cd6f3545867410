import type { Type } from '@nestjs/common';
import { plainToInstance, TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import { otherSpellingsOf } from './either-spelling.decorator';

interface KnownProperty {
  /** The fields of the plain object it is read from. */
  sources: string[];
  /** The DTO class of its value (or of each item of it), when it is a nested DTO. */
  nested?: Type<object>;
}

type Plain = Record<string, unknown>;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const knownPropertiesCache = new WeakMap<Type<object>, KnownProperty[]>();

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function knownProperties(type: Type<object>): KnownProperty[] {
  let known = knownPropertiesCache.get(type);
  if (!known) {
    const names = new Set([
      ...getMetadataStorage()
        .getTargetValidationMetadatas(type, '', true, false)
        .map((metadata) => metadata.propertyName),
      ...defaultMetadataStorage.getExposedProperties(type, TransformationType.PLAIN_TO_CLASS),
    ]);
    known = [...names].map((name) => ({
      sources: [name, ...otherSpellingsOf(type, name)],
      nested: defaultMetadataStorage.findTypeMetadata(type, name)?.typeFunction() as Type<object> | undefined,
    }));
    knownPropertiesCache.set(type, known);
  }
  return known;
}

/** Applies `each` to a nested value: to the object, or to each object in the array. */
function eachNested(value: unknown, each: (item: Plain, index: number) => unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => (isPlainObject(item) ? each(item, index) : item));
  }
  return isPlainObject(value) ? each(value, -1) : value;
}

/** A copy of `plain` with only the fields the DTO knows, nested DTOs likewise: cost bounded by the DTO. */
function pickKnown(type: Type<object>, plain: Plain): Plain {
  const picked: Plain = {};
  for (const { sources, nested } of knownProperties(type)) {
    for (const source of sources) {
      if (Object.hasOwn(plain, source)) {
        picked[source] = nested ? eachNested(plain[source], (item) => pickKnown(nested, item)) : plain[source];
      }
    }
  }
  return picked;
}

/** Puts back, as raw JSON, the fields of `plain` the instance did not take. Linear in the keys. */
function addUnknown(type: Type<object>, instance: Plain, plain: Plain): void {
  for (const key of Object.keys(plain)) {
    if (!Object.hasOwn(instance, key) && !PROTOTYPE_KEYS.has(key)) {
      instance[key] = plain[key];
    }
  }
  for (const { sources, nested } of knownProperties(type)) {
    const value = instance[sources[0]];
    const raw = plain[sources[0]];
    if (nested && value !== raw) {
      if (Array.isArray(value) && Array.isArray(raw)) {
        value.forEach((item, index) => isPlainObject(item) && isPlainObject(raw[index]) && addUnknown(nested, item, raw[index] as Plain));
      } else if (isPlainObject(value) && isPlainObject(raw)) {
        addUnknown(nested, value, raw);
      }
    }
  }
}

/**
 * class-transformer's cost grows with the square of an object's key count, so it is given only
 * the fields the DTO declares. `complete` then adds every other field back as raw JSON, so
 * handlers still see all the event carried.
 */
export function instantiateKnownFields<T extends object>(type: Type<T>, plain: Plain): { instance: T; complete: () => T } {
  const instance = plainToInstance(type, pickKnown(type, plain));
  return {
    instance,
    complete: () => {
      addUnknown(type, instance as Plain, plain);
      return instance;
    },
  };
}
