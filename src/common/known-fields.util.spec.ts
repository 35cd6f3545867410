import { Type } from 'class-transformer';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import { FromEitherSpelling } from './either-spelling.decorator';
import { instantiateKnownFields } from './known-fields.util';

class InnerDto {
  @IsString()
  name: string;
}

class OuterDto {
  @IsString()
  id: string;

  @FromEitherSpelling('waba_id')
  @IsOptional()
  @IsString()
  wabaId?: string;

  @ValidateNested()
  @Type(() => InnerDto)
  inner: InnerDto;

  @ValidateNested({ each: true })
  @Type(() => InnerDto)
  list: InnerDto[];
}

function withExtraKeys(count: number): Record<string, unknown> {
  const plain: Record<string, unknown> = { id: 'x', waba_id: 'w', inner: { name: 'n', extra: 1 }, list: [{ name: 'a', more: true }] };
  for (let index = 0; index < count; index++) {
    plain[`k${index}`] = index;
  }
  return plain;
}

describe(instantiateKnownFields.name, () => {
  it('instantiates only the declared fields, nested DTOs included, reading either spelling', () => {
    const { instance } = instantiateKnownFields(OuterDto, withExtraKeys(3));
    expect(instance).toBeInstanceOf(OuterDto);
    expect(instance.inner).toBeInstanceOf(InnerDto);
    expect(instance.list[0]).toBeInstanceOf(InnerDto);
    expect(instance.wabaId).toBe('w');
    expect(Object.keys(instance)).not.toContain('k0');
    expect(Object.keys(instance.inner)).toEqual(['name']);
  });

  it('completes the instance with every other field as raw JSON, at every level', () => {
    const completed = instantiateKnownFields(OuterDto, withExtraKeys(3)).complete() as unknown as Record<string, unknown>;
    expect(completed).toMatchObject({ id: 'x', wabaId: 'w', waba_id: 'w', k0: 0, k2: 2, inner: { name: 'n', extra: 1 }, list: [{ name: 'a', more: true }] });
  });

  it('takes time linear in the number of unknown keys', () => {
    // The fastest of several runs: a loaded machine only ever makes a run slower.
    const time = (count: number) => {
      const plains = Array.from({ length: 5 }, () => withExtraKeys(count));
      return Math.min(
        ...plains.map((plain) => {
          const started = process.hrtime.bigint();
          instantiateKnownFields(OuterDto, plain).complete();
          return Number(process.hrtime.bigint() - started);
        }),
      );
    };
    time(1_000);
    // A hundred times the keys: linear is about 100 times the time, quadratic about 10 000. The
    // bound leaves a loaded machine ten times the room, and still catches the quadratic case.
    expect(time(100_000) / time(1_000)).toBeLessThan(1_000);
  });
});
