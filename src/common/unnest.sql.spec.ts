import { unnestRows, unnestValues } from './unnest.sql';

describe(unnestRows.name, () => {
  it('casts one array parameter per column and names the columns', () => {
    expect(
      unnestRows('input', [
        { name: 'event_id', type: 'text' },
        { name: 'event_time', type: 'timestamptz' },
      ]),
    ).toBe('SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS input(event_id, event_time)');
  });
});

describe(unnestValues.name, () => {
  it('turns rows into one array per column, missing values as null', () => {
    const columns = [
      { name: 'id', type: 'text' },
      { name: 'rank', type: 'int' },
    ];
    expect(unnestValues([{ id: 'a', rank: 1 }, { id: 'b' }], columns)).toEqual([
      ['a', 'b'],
      [1, null],
    ]);
  });
});
