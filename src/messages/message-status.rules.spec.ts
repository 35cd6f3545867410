import { isFailure, statusMilestones, statusRank, UNKNOWN_STATUS_RANK } from './message-status.rules';

describe(statusRank.name, () => {
  it('orders unknown < sent < failed < delivered < read', () => {
    const ordered = ['whatever', 'sent', 'failed', 'delivered', 'read'].map(statusRank);
    expect(ordered).toEqual([...ordered].sort((a, b) => a - b));
    expect(new Set(ordered).size).toBe(5);
  });

  it('ranks the vendor failure SMECL:FAILED with failed, in any case', () => {
    expect(statusRank('SMECL:FAILED')).toBe(statusRank('failed'));
    expect(statusRank('Delivered')).toBe(statusRank('delivered'));
  });

  it('gives values it does not know the lowest rank', () => {
    expect(statusRank('deleted')).toBe(UNKNOWN_STATUS_RANK);
    expect(statusRank('')).toBe(UNKNOWN_STATUS_RANK);
  });
});

describe(isFailure.name, () => {
  it('knows both failure spellings and nothing else', () => {
    expect(['failed', 'SMECL:FAILED', 'sent', 'read', 'failure'].map(isFailure)).toEqual([true, true, false, false, false]);
  });
});

describe(statusMilestones.name, () => {
  const at = new Date('2023-02-22T12:00:00Z');

  it('lets read imply delivery at the read time, marked as inferred', () => {
    expect(statusMilestones('read', at)).toEqual({ sentAt: null, deliveredAt: at, deliveredAtInferred: true, readAt: at, failedAt: null });
  });

  it('marks a real delivery as not inferred', () => {
    expect(statusMilestones('delivered', at)).toMatchObject({ deliveredAt: at, deliveredAtInferred: false, readAt: null });
  });

  it('records failures of both spellings and nothing for unknown statuses', () => {
    expect(statusMilestones('SMECL:FAILED', at).failedAt).toBe(at);
    expect(statusMilestones('deleted', at)).toEqual({ sentAt: null, deliveredAt: null, deliveredAtInferred: false, readAt: null, failedAt: null });
  });
});
