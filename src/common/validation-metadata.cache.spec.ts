import { IsInt, IsString, Min, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata.cache';

class Parcel {
  @IsString()
  id!: string;

  @IsInt()
  @Min(1)
  weight!: number;
}

class Letter extends Parcel {
  @IsString()
  stamp!: string;
}

function problems(value: object): string[] {
  return validateSync(value)
    .map((error) => error.property)
    .sort();
}

describe(cacheValidationMetadata.name, () => {
  beforeAll(() => cacheValidationMetadata());

  it('validates exactly as before, inherited rules included, call after call', () => {
    for (let round = 0; round < 3; round++) {
      expect(problems(Object.assign(new Parcel(), { id: 'p-1', weight: 2 }))).toEqual([]);
      expect(problems(Object.assign(new Parcel(), { id: 7, weight: 0 }))).toEqual(['id', 'weight']);
      expect(problems(Object.assign(new Letter(), { id: 'l-1', weight: 0, stamp: 3 }))).toEqual(['stamp', 'weight']);
    }
  });

  it('sees a rule added after the cache was filled, on the class and on its subclasses', () => {
    class Crate {
      @IsString()
      id!: string;
    }
    class Pallet extends Crate {}
    expect(problems(Object.assign(new Crate(), { id: 'c-1' }))).toEqual([]);
    expect(problems(Object.assign(new Pallet(), { id: 'p-1' }))).toEqual([]);
    IsString()(Crate.prototype, 'label');
    expect(problems(Object.assign(new Crate(), { id: 'c-1' }))).toEqual(['label']);
    expect(problems(Object.assign(new Pallet(), { id: 'p-1', label: 'fragile' }))).toEqual([]);
    expect(problems(Object.assign(new Pallet(), { id: 'p-1' }))).toEqual(['label']);
  });

  it('is installed once, however often it is asked', () => {
    cacheValidationMetadata();
    cacheValidationMetadata();
    expect(problems(Object.assign(new Letter(), { id: 'l-1', weight: 1, stamp: 'x' }))).toEqual([]);
  });
});
