import type { Type } from '@nestjs/common';
import { TransformationType } from 'class-transformer';
import type { TransformFnParams } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';

interface KnownProperty {
  name: string;
  /** The DTO class of its value (or of each item of it), when it is a nested DTO. */
  nested?: Type<object>;
  /** Its class-transformer `@Transform`s, applied as plainToInstance would (such as FromEitherSpelling and NumberAsText). */
  transforms: ((params: TransformFnParams) => unknown)[];
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
      name,
      nested: defaultMetadataStorage.findTypeMetadata(type, name)?.typeFunction() as Type<object> | undefined,
      transforms: defaultMetadataStorage
        .findTransformMetadatas(type, name, TransformationType.PLAIN_TO_CLASS)
        .filter((metadata) => !metadata.options?.groups?.length)
        .map((metadata) => metadata.transformFn),
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

/**
 * An instance of the DTO holding only the fields it declares, nested DTOs likewise, made straight
 * from the parsed JSON: one copy, its cost bounded by the DTO.
 */
function instantiateKnown(type: Type<object>, plain: Plain): Plain {
  const instance = Object.create(type.prototype) as Plain;
  for (const { name, nested, transforms } of knownProperties(type)) {
    const raw = Object.hasOwn(plain, name) ? plain[name] : undefined;
    let value = nested ? eachNested(raw, (item) => instantiateKnown(nested, item)) : raw;
    for (const transform of transforms) {
      value = transform({ value, key: name, obj: plain, type: TransformationType.PLAIN_TO_CLASS, options: {} });
    }
    if (value !== undefined) {
      instance[name] = value;
    }
  }
  return instance;
}

/** Puts back, as raw JSON, the fields of `plain` the instance did not take. Linear in the keys. */
function addUnknown(type: Type<object>, instance: Plain, plain: Plain): void {
  for (const key of Object.keys(plain)) {
    if (!Object.hasOwn(instance, key) && !PROTOTYPE_KEYS.has(key)) {
      instance[key] = plain[key];
    }
  }
  for (const { name, nested } of knownProperties(type)) {
    const value = instance[name];
    const raw = plain[name];
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
 * The DTO instance class-validator checks, holding only the fields the DTO declares (so the cost
 * never grows with what else a body carries); `complete` then adds every other field back as raw
 * JSON, so handlers still see all the event carried. class-transformer is not used here: it
 * copies every value once more and, with untyped nested objects, deeply.
 */
export function instantiateKnownFields<T extends object>(type: Type<T>, plain: Plain): { instance: T; complete: () => T } {
  const instance = instantiateKnown(type, plain) as T;
  return {
    instance,
    complete: () => {
      addUnknown(type, instance as Plain, plain);
      return instance;
    },
  };
}
