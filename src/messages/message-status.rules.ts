/**
 * How far along a message is: unknown values < sent < failed < delivered < read.
 * A proof of delivery or reading outranks a failure report, so `failed` sits below `delivered`.
 */
const RANK_BY_STATUS: Record<string, number> = {
  sent: 1,
  failed: 2,
  'smecl:failed': 2,
  delivered: 3,
  read: 4,
};

export const UNKNOWN_STATUS_RANK = 0;

export function statusRank(status: string): number {
  return RANK_BY_STATUS[status.toLowerCase()] ?? UNKNOWN_STATUS_RANK;
}

export function isFailure(status: string): boolean {
  return statusRank(status) === RANK_BY_STATUS.failed;
}

/** The milestone times one status event proves; the store keeps the earliest of each. */
export interface StatusMilestones {
  sentAt: Date | null;
  deliveredAt: Date | null;
  /** True when the delivery time is only implied by a read (WhatsApp skips `delivered` then). */
  deliveredAtInferred: boolean;
  readAt: Date | null;
  failedAt: Date | null;
}

export function statusMilestones(status: string, eventTime: Date): StatusMilestones {
  const normalized = status.toLowerCase();
  return {
    sentAt: normalized === 'sent' ? eventTime : null,
    deliveredAt: normalized === 'delivered' || normalized === 'read' ? eventTime : null,
    deliveredAtInferred: normalized === 'read',
    readAt: normalized === 'read' ? eventTime : null,
    failedAt: isFailure(status) ? eventTime : null,
  };
}
