import { RecentEventIds } from './recent-event-ids.cache';

describe('RecentEventIds', () => {
  it('knows the ids it was given', () => {
    const recent = new RecentEventIds(3);
    recent.add('a');
    recent.add('b');
    expect([recent.has('a'), recent.has('b'), recent.has('c')]).toEqual([true, true, false]);
  });

  it('forgets the oldest id once it holds its capacity', () => {
    const recent = new RecentEventIds(3);
    ['a', 'b', 'c', 'd'].forEach((id) => recent.add(id));
    expect(['a', 'b', 'c', 'd'].map((id) => recent.has(id))).toEqual([false, true, true, true]);
  });

  it('holds an id given twice once, so it takes no second place', () => {
    const recent = new RecentEventIds(3);
    ['a', 'b', 'a', 'c'].forEach((id) => recent.add(id));
    expect(['a', 'b', 'c'].map((id) => recent.has(id))).toEqual([true, true, true]);
    recent.add('d');
    expect(['a', 'b', 'c', 'd'].map((id) => recent.has(id))).toEqual([false, true, true, true]);
  });
});
