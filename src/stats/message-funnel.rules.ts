/** Messages at each funnel stage, as the rollup counts them (the stage a message is at now). */
export type StageCounts = Partial<Record<'sent' | 'failed' | 'delivered' | 'read' | 'other', number>>;

export interface FunnelPoint {
  /** Messages first seen in the bucket. */
  messages: number;
  /** Of those: delivered (read ones included), read, failed (and not delivered since), still only sent. */
  delivered: number;
  read: number;
  failed: number;
  pending: number;
  deliveredRate: number | null;
  readRate: number | null;
  failedRate: number | null;
}

/** The funnel of a group of messages from the stage each one is at (read implies delivered). */
export function funnelOf(stages: StageCounts): FunnelPoint {
  const { sent = 0, failed = 0, delivered = 0, read = 0, other = 0 } = stages;
  const messages = sent + failed + delivered + read + other;
  const rate = (part: number) => (messages === 0 ? null : part / messages);
  return {
    messages,
    delivered: delivered + read,
    read,
    failed,
    pending: sent,
    deliveredRate: rate(delivered + read),
    readRate: rate(read),
    failedRate: rate(failed),
  };
}
