import { newestFirst } from './inbound-search.rules';

describe(newestFirst.name, () => {
  it('orders by number, not as text, and keeps the highest', () => {
    expect(newestFirst(['9', '10', '100', '2', '99'], 3)).toEqual(['100', '99', '10']);
  });

  it('holds seqs beyond what a double represents exactly', () => {
    expect(newestFirst(['9007199254740993', '9007199254740992'], 1)).toEqual(['9007199254740993']);
  });
});
