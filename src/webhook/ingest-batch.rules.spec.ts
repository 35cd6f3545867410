import { classifyBatch, firstOfEachId, nextBatchLength, type BatchItem } from './ingest-batch.rules';

const item = (id: string, hash: string, initialState: BatchItem['initialState'] = 'processed'): BatchItem => ({ id, hash, initialState });

describe('firstOfEachId', () => {
  it('keeps the first event of each id, in id order', () => {
    const b1 = item('b', 'h1');
    const a1 = item('a', 'h2');
    const b2 = item('b', 'h3');
    const firstOfId = firstOfEachId([b1, a1, b2]);
    expect([...firstOfId.keys()]).toEqual(['a', 'b']);
    expect(firstOfId.get('b')).toBe(b1);
  });
});

describe('classifyBatch', () => {
  it('stores a new event with its initial state', () => {
    const valid = item('a', 'h');
    const invalid = item('b', 'h', 'invalid');
    const batch = [valid, invalid];
    const { outcomes, conflicts } = classifyBatch(batch, firstOfEachId(batch), new Map());
    expect(outcomes.get(valid)).toBe('processed');
    expect(outcomes.get(invalid)).toBe('invalid');
    expect(conflicts).toEqual([]);
  });

  it('answers an id already stored with the same content as duplicate, other content as conflict', () => {
    const same = item('a', 'stored');
    const other = item('b', 'new');
    const batch = [same, other];
    const stored = new Map([
      ['a', 'stored'],
      ['b', 'stored'],
    ]);
    const { outcomes, conflicts } = classifyBatch(batch, firstOfEachId(batch), stored);
    expect(outcomes.get(same)).toBe('duplicate');
    expect(outcomes.get(other)).toBe('conflict');
    expect(conflicts).toEqual([other]);
  });

  it('judges a repeated id in the batch against its first occurrence', () => {
    const first = item('a', 'h1');
    const repeat = item('a', 'h1');
    const changed = item('a', 'h2');
    const batch = [first, repeat, changed];
    const { outcomes, conflicts } = classifyBatch(batch, firstOfEachId(batch), new Map());
    expect([outcomes.get(first), outcomes.get(repeat), outcomes.get(changed)]).toEqual(['processed', 'duplicate', 'conflict']);
    expect(conflicts).toEqual([changed]);
  });
});

describe('nextBatchLength', () => {
  it('takes up to the event limit while the payloads fit the byte budget', () => {
    expect(nextBatchLength([10, 10, 10, 10], 3, 1_000)).toBe(3);
    expect(nextBatchLength([10, 10, 10, 10], 10, 25)).toBe(2);
    expect(nextBatchLength([10, 15, 10], 10, 25)).toBe(2);
    expect(nextBatchLength([], 10, 25)).toBe(0);
  });

  it('always takes the first event, even one larger than the budget', () => {
    expect(nextBatchLength([100, 1], 10, 25)).toBe(1);
  });
});
