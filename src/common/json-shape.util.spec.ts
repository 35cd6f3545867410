import { jsonShapeProblem } from './json-shape.util';

const limits = { maxDepth: 3, maxKeys: 4 };

describe(jsonShapeProblem.name, () => {
  it('accepts JSON within both limits', () => {
    expect(jsonShapeProblem('{"a":{"b":[1,2,3]},"c":[]}', limits)).toBeUndefined();
  });

  it('refuses nesting deeper than the limit, however it is made', () => {
    expect(jsonShapeProblem('[[[[1]]]]', limits)?.code).toBe('json_too_deep');
    expect(jsonShapeProblem('{"a":{"b":{"c":{}}}}', limits)?.code).toBe('json_too_deep');
    expect(jsonShapeProblem('['.repeat(500_000), limits)?.code).toBe('json_too_deep');
  });

  it('refuses more keys than the limit, counted over the whole document', () => {
    expect(jsonShapeProblem('{"a":1,"b":{"c":2,"d":3},"e":4}', limits)?.code).toBe('json_too_many_keys');
  });

  it('ignores brackets, colons and escaped quotes inside strings', () => {
    expect(jsonShapeProblem('{"a":"[[[[{{{{:::::\\"[[[["}', limits)).toBeUndefined();
  });

  it('takes time linear in the size of the text', () => {
    const small = `{${Array.from({ length: 1_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    const large = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    const wide = { maxDepth: 32, maxKeys: 1_000_000 };
    // The fastest of several runs: a loaded machine only ever makes a run slower.
    const time = (text: string) =>
      Math.min(
        ...Array.from({ length: 7 }, () => {
          const started = process.hrtime.bigint();
          jsonShapeProblem(text, wide);
          return Number(process.hrtime.bigint() - started);
        }),
      );
    time(large);
    time(small);
    // A hundred times the text: linear is about 100 times the time, quadratic about 10 000. The
    // bound leaves a loaded machine ten times the room, and still catches the quadratic case.
    expect(time(large) / time(small)).toBeLessThan(1_000);
  });
});
