import type { EventState } from './webhook-event.entity';

export type IngestStatus = EventState | 'duplicate' | 'conflict';

/** What the batch rules need to know of one received event. */
export interface BatchItem {
  id: string;
  /** The content hash of the event as received. */
  hash: string;
  /** The state the event is stored with if it is new. */
  initialState: EventState;
}

/**
 * The first event of each id in the batch, in id order: only these are inserted, and concurrent
 * writers (or instances) then lock rows in the same order.
 */
export function firstOfEachId<T extends BatchItem>(batch: readonly T[]): Map<string, T> {
  const firstOfId = new Map<string, T>();
  for (const item of [...batch].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!firstOfId.has(item.id)) {
      firstOfId.set(item.id, item);
    }
  }
  return firstOfId;
}

/**
 * What became of each event of the batch: new (its initial state), a duplicate of the stored or
 * batch-mate version with the same content, or a conflict with it. `alreadyStored` holds the
 * stored hash of every id the INSERT did not insert.
 */
export function classifyBatch<T extends BatchItem>(
  batch: readonly T[],
  firstOfId: ReadonlyMap<string, T>,
  alreadyStored: ReadonlyMap<string, string>,
): { outcomes: Map<T, IngestStatus>; conflicts: T[] } {
  const outcomes = new Map<T, IngestStatus>();
  const conflicts: T[] = [];
  for (const item of batch) {
    const first = firstOfId.get(item.id) as T;
    const storedHash = alreadyStored.get(item.id) ?? first.hash;
    if (!alreadyStored.has(item.id) && first === item) {
      outcomes.set(item, item.initialState);
    } else if (storedHash === item.hash) {
      outcomes.set(item, 'duplicate');
    } else {
      outcomes.set(item, 'conflict');
      conflicts.push(item);
    }
  }
  return { outcomes, conflicts };
}

/**
 * How many of the queued events (their payload lengths, in queue order) the next transaction
 * takes: at most `maxEvents`, and no more than `maxBytes` of payload once it has one, so a burst
 * of large events makes several statements of bounded size instead of one huge one.
 */
export function nextBatchLength(payloadLengths: readonly number[], maxEvents: number, maxBytes: number): number {
  let bytes = 0;
  let taken = 0;
  for (const length of payloadLengths) {
    if (taken === maxEvents || (taken > 0 && bytes + length > maxBytes)) {
      break;
    }
    bytes += length;
    taken++;
  }
  return taken;
}
