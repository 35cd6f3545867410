/**
 * The ids of the last `capacity` events this process began to store. It only guides a guess: an
 * id found here is probably a re-delivery, so the writer leaves its handler out of the batch's
 * first, optimistic run. The database still decides what is new; a wrong guess costs a second run
 * of the batch, never a wrong result.
 */
export class RecentEventIds {
  private readonly ids = new Set<string>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(capacity: number) {
    this.ring = new Array<string | undefined>(capacity);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Remembers `id`, forgetting the oldest id once `capacity` are held. */
  add(id: string): void {
    if (this.ids.has(id)) {
      return;
    }
    const oldest = this.ring[this.next];
    if (oldest !== undefined) {
      this.ids.delete(oldest);
    }
    this.ring[this.next] = id;
    this.ids.add(id);
    this.next = (this.next + 1) % this.ring.length;
  }
}
